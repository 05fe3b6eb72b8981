"""Seeded SQL queries over seed 002's `users` and `orders`, each as a pair: the Sluice
(Trino/Athena) text and the DuckDB text with the same meaning.

    python3 differential_queries.py --seed 2 --count 180 --out queries.json

Queries name their tables `{users}` and `{orders}`; the runner of each engine puts its own
table there (DuckDB views, Sluice `read_json(...)` / `read_parquet(...)`). Every template
keeps results small (aggregates, LIMIT or narrow filters) and, when it has an ORDER BY, makes
the order total with a unique key so the comparison can be exact about order.

Columns (as `sluice generate --dataset orders` writes them):
users(user_id bigint, name, gender 'M'|'F', age bigint 18-70, city, signup_at timestamp)
orders(order_id bigint, user_id bigint, category, price double, quantity bigint 1-5, status,
       created_at timestamp, device struct<os, app_version>, coupon (mostly null), dt string)
"""
import argparse
import json
import random

CATEGORIES = ["electronics", "fashion", "home", "beauty", "sports", "books", "grocery", "toys",
              "automotive", "health", "garden", "music"]
STATUSES = ["delivered", "shipped", "paid", "cancelled", "refunded"]
OSES = ["ios", "android", "web"]
VERSIONS = ["3.2.1", "3.2.0", "3.1.4", "3.1.0", "3.0.2", "2.9.7"]
COUPONS = ["VIP20", "APP5", "FREESHIP", "BLACKFRIDAY26", "WELCOME10", "FALL26"]
CITIES = ["서울", "New York", "東京", "London", "Paris", "부산", "Berlin", "Sydney", "Toronto", "Madrid"]
ORDER_KEYS = ["category", "status", "device.os", "dt", "quantity", "coupon", "device.app_version"]
USER_KEYS = ["gender", "city", "age"]


def same(text):
    """A query that is written the same way in both dialects."""
    return text, text


class Generator:
    def __init__(self, seed):
        self.random = random.Random(seed)

    # ---- small pieces ------------------------------------------------------------------

    def pick(self, values, count=None):
        if count is None:
            return self.random.choice(values)
        return self.random.sample(values, count)

    def quoted(self, values):
        return ", ".join("'%s'" % v for v in values)

    def day(self, low=1, high=30):
        return "2026-11-%02d" % self.random.randint(low, high)

    def order_predicate(self, prefix=""):
        p = prefix
        r = self.random
        options = [
            lambda: "%scategory = '%s'" % (p, self.pick(CATEGORIES)),
            lambda: "%scategory IN (%s)" % (p, self.quoted(self.pick(CATEGORIES, 3))),
            lambda: "%scategory NOT IN (%s)" % (p, self.quoted(self.pick(CATEGORIES, 2))),
            lambda: "%sstatus <> '%s'" % (p, self.pick(STATUSES)),
            lambda: "NOT (%sstatus = '%s')" % (p, self.pick(STATUSES)),
            lambda: "%sprice BETWEEN %d AND %d" % (p, r.randint(1, 50), r.randint(60, 400)),
            lambda: "%sprice > %d.5" % (p, r.randint(20, 900)),
            lambda: "%squantity >= %d" % (p, r.randint(2, 5)),
            lambda: "%scoupon IS NOT NULL" % p,
            lambda: "%scoupon IS NULL" % p,
            lambda: "%sdevice.os = '%s'" % (p, self.pick(OSES)),
            lambda: "%sdevice.app_version IS NULL" % p,
            lambda: "%sdevice.app_version LIKE '3.1%%'" % p,
            lambda: "%scategory LIKE '%%o%%'" % p,
            lambda: "%sdt = '%s'" % (p, self.day()),
            lambda: "%sdt BETWEEN '%s' AND '%s'" % (p, self.day(1, 10), self.day(11, 30)),
            lambda: "%screated_at < TIMESTAMP '%s %02d:00:00'" % (p, self.day(), r.randint(0, 23)),
            lambda: "%suser_id %% %d = 0" % (p, r.randint(3, 9)),
        ]
        first = self.pick(options)()
        shape = r.randint(0, 3)
        if shape == 0:
            return first
        second = self.pick(options)()
        if shape == 1:
            return "%s AND %s" % (first, second)
        if shape == 2:
            return "(%s OR %s)" % (first, second)
        return "%s AND NOT (%s)" % (first, second)

    def user_predicate(self, prefix=""):
        p = prefix
        r = self.random
        options = [
            lambda: "%sage BETWEEN %d AND %d" % (p, r.randint(18, 40), r.randint(41, 70)),
            lambda: "%sgender = '%s'" % (p, self.pick(["M", "F"])),
            lambda: "%scity IN (%s)" % (p, self.quoted(self.pick(CITIES, 3))),
            lambda: "%sname LIKE '%s%%'" % (p, self.pick("ABCDJKLMS")),
            lambda: "%ssignup_at >= TIMESTAMP '%s 00:00:00'" % (p, self.day()),
            lambda: "%suser_id %% %d = 1" % (p, r.randint(2, 7)),
        ]
        first = self.pick(options)()
        if r.random() < 0.5:
            return first
        return "%s %s %s" % (first, self.pick(["AND", "OR"]), self.pick(options)())

    # ---- templates: each returns (sluice, duckdb, ordered) -----------------------------

    def filter_aggregates(self):
        s, d = same("SELECT count(*), count(coupon), count(DISTINCT user_id), sum(quantity), sum(price), "
                    "min(price), max(price), min(created_at), max(dt) FROM {orders} WHERE " + self.order_predicate())
        return s, d, False

    def filter_rows(self):
        key = self.pick(["price", "created_at", "quantity", "user_id", "category"])
        direction = self.pick(["", " DESC"])
        s, d = same("SELECT order_id, user_id, category, price, quantity, status, created_at FROM {orders} WHERE %s "
                    "ORDER BY %s%s, order_id LIMIT %d" % (self.order_predicate(), key, direction, self.random.randint(5, 40)))
        return s, d, True

    def group_one(self):
        key = self.pick(ORDER_KEYS)
        where = " WHERE " + self.order_predicate() if self.random.random() < 0.5 else ""
        s, d = same("SELECT %s, count(*), count(coupon), count(DISTINCT user_id), sum(quantity), avg(price), "
                    "min(price), max(price), avg(quantity) FROM {orders}%s GROUP BY %s" % (key, where, key))
        return s, d, False

    def group_two(self):
        first, second = self.pick(ORDER_KEYS[:4], 2)
        having = " HAVING count(*) > %d" % self.random.randint(1, 60) if self.random.random() < 0.6 else ""
        s, d = same("SELECT %s, %s, count(*), sum(price), max(quantity) FROM {orders} GROUP BY 1, 2%s" % (first, second, having))
        return s, d, False

    def having(self):
        s, d = same("SELECT category, count(*), avg(price) FROM {orders} WHERE %s GROUP BY category "
                    "HAVING avg(price) > %d AND count(*) >= %d ORDER BY category"
                    % (self.order_predicate(), self.random.randint(20, 200), self.random.randint(1, 20)))
        return s, d, True

    def users_grouped(self):
        key = self.pick(USER_KEYS)
        s, d = same("SELECT %s, count(*), avg(age), min(age), max(age), min(signup_at), max(name) FROM {users} "
                    "WHERE %s GROUP BY %s HAVING count(*) >= %d"
                    % (key, self.user_predicate(), key, self.random.randint(1, 5)))
        return s, d, False

    def users_ordered(self):
        key = self.pick(["age", "signup_at", "city", "name"])
        direction = self.pick(["", " DESC"])
        s, d = same("SELECT user_id, name, gender, age, city FROM {users} WHERE %s ORDER BY %s%s, user_id LIMIT %d"
                    % (self.user_predicate(), key, direction, self.random.randint(5, 30)))
        return s, d, True

    def join_inner(self):
        key = self.pick(["u.gender", "u.city", "o.category", "o.status"])
        s, d = same("SELECT %s, count(*), sum(o.price), avg(u.age), count(DISTINCT o.user_id) FROM {orders} o "
                    "JOIN {users} u ON o.user_id = u.user_id WHERE %s AND %s GROUP BY %s"
                    % (key, self.order_predicate("o."), self.user_predicate("u."), key))
        return s, d, False

    def join_left(self):
        s, d = same("SELECT u.gender, count(*), count(o.order_id), count(DISTINCT u.user_id), sum(o.quantity) "
                    "FROM {users} u LEFT JOIN {orders} o ON o.user_id = u.user_id AND o.category = '%s' AND o.dt <= '%s' "
                    "GROUP BY u.gender" % (self.pick(CATEGORIES), self.day(1, 15)))
        return s, d, False

    def join_right(self):
        s, d = same("SELECT u.city, count(o.order_id) AS orders, count(*) FROM {orders} o RIGHT JOIN {users} u "
                    "ON o.user_id = u.user_id AND o.dt = '%s' WHERE %s GROUP BY u.city ORDER BY orders DESC, u.city LIMIT 15"
                    % (self.day(), self.user_predicate("u.")))
        return s, d, True

    def join_full(self):
        s, d = same("SELECT count(*), count(o.order_id), count(u.user_id), sum(o.price) FROM "
                    "(SELECT * FROM {orders} WHERE dt = '%s') o FULL OUTER JOIN (SELECT * FROM {users} WHERE age < %d) u "
                    "ON o.user_id = u.user_id" % (self.day(), self.random.randint(20, 60)))
        return s, d, False

    def join_using(self):
        s, d = same("SELECT user_id, name, count(*), sum(price) FROM {orders} JOIN {users} USING (user_id) "
                    "WHERE %s GROUP BY user_id, name ORDER BY count(*) DESC, user_id LIMIT 10" % self.order_predicate())
        return s, d, True

    def join_non_equi(self):
        s, d = same("SELECT count(*), min(o.order_id), max(u.user_id) FROM {orders} o JOIN {users} u "
                    "ON o.user_id = u.user_id AND o.created_at < u.signup_at + INTERVAL '%d' DAY WHERE o.dt <= '%s'"
                    % (self.random.randint(1, 10), self.day(2, 12)))
        return s, d, False

    def distinct(self):
        if self.random.random() < 0.5:
            s, d = same("SELECT DISTINCT category, status FROM {orders} WHERE " + self.order_predicate())
            return s, d, False
        s, d = same("SELECT count(*) FROM (SELECT DISTINCT user_id, device.os FROM {orders} WHERE %s) t" % self.order_predicate())
        return s, d, False

    def set_operation(self):
        operation = self.pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT"])
        s, d = same("SELECT count(*), count(DISTINCT user_id) FROM (SELECT user_id FROM {orders} WHERE %s %s "
                    "SELECT user_id FROM {users} WHERE %s) t" % (self.order_predicate(), operation, self.user_predicate()))
        return s, d, False

    def set_operation_rows(self):
        s, d = same("SELECT category FROM {orders} WHERE dt = '%s' INTERSECT SELECT category FROM {orders} WHERE dt = '%s' "
                    "EXCEPT SELECT category FROM {orders} WHERE price > %d ORDER BY 1"
                    % (self.day(), self.day(), self.random.randint(200, 1500)))
        return s, d, True

    def case(self):
        low, high = self.random.randint(10, 60), self.random.randint(100, 500)
        s, d = same("SELECT CASE WHEN price < %d THEN 'low' WHEN price < %d THEN 'mid' ELSE 'high' END AS band, "
                    "CASE status WHEN 'cancelled' THEN 'lost' WHEN 'refunded' THEN 'lost' ELSE 'kept' END AS state, "
                    "count(*), sum(quantity), avg(price) FROM {orders} GROUP BY 1, 2" % (low, high))
        return s, d, False

    def dates(self):
        choice = self.random.randint(0, 7)
        where = self.order_predicate()
        if choice == 0:
            return "SELECT date_trunc('day', created_at) AS d, count(*), sum(price) FROM {orders} WHERE %s GROUP BY 1 ORDER BY 1" % where, \
                   "SELECT date_trunc('day', created_at) AS d, count(*), sum(price) FROM {orders} WHERE %s GROUP BY 1 ORDER BY 1" % where, True
        if choice == 1:
            return "SELECT hour(created_at), count(*) FROM {orders} WHERE %s GROUP BY 1" % where, \
                   "SELECT hour(created_at), count(*) FROM {orders} WHERE %s GROUP BY 1" % where, False
        if choice == 2:
            return "SELECT day_of_week(created_at), count(*), avg(price) FROM {orders} GROUP BY 1", \
                   "SELECT isodow(created_at), count(*), avg(price) FROM {orders} GROUP BY 1", False
        if choice == 3:
            day = self.day()
            return "SELECT date_format(created_at, '%%Y-%%m-%%d %%H'), count(*) FROM {orders} WHERE dt = '%s' GROUP BY 1" % day, \
                   "SELECT strftime(created_at, '%%Y-%%m-%%d %%H'), count(*) FROM {orders} WHERE dt = '%s' GROUP BY 1" % day, False
        if choice == 4:
            text = ("SELECT u.gender, avg(%s), max(%s) FROM {orders} o JOIN {users} u ON o.user_id = u.user_id "
                    "WHERE o.dt = '%s' GROUP BY u.gender")
            day = self.day()
            return text % ("date_diff('day', u.signup_at, o.created_at)", "date_diff('hour', u.signup_at, o.created_at)", day), \
                   text % ("date_sub('day', u.signup_at, o.created_at)", "date_sub('hour', u.signup_at, o.created_at)", day), False
        if choice == 5:
            days = self.random.randint(1, 10)
            return "SELECT count(*) FROM {orders} o JOIN {users} u ON o.user_id = u.user_id WHERE o.created_at <= date_add('day', %d, u.signup_at)" % days, \
                   "SELECT count(*) FROM {orders} o JOIN {users} u ON o.user_id = u.user_id WHERE o.created_at <= u.signup_at + INTERVAL %d DAY" % days, False
        if choice == 6:
            s, d = same("SELECT CAST(created_at AS date), year(created_at), month(created_at), day(created_at), count(*) "
                        "FROM {orders} WHERE %s GROUP BY 1, 2, 3, 4" % where)
            return s, d, False
        s, d = same("SELECT date_trunc('week', signup_at), count(*), min(signup_at) FROM {users} GROUP BY 1 ORDER BY 1")
        return s, d, True

    def windows(self):
        choice = self.random.randint(0, 5)
        users = self.random.randint(5, 25)
        if choice == 0:
            s, d = same("SELECT order_id, user_id, row_number() OVER (PARTITION BY user_id ORDER BY created_at, order_id) "
                        "FROM {orders} WHERE user_id <= %d ORDER BY order_id" % users)
        elif choice == 1:
            s, d = same("SELECT order_id, category, price, rank() OVER (PARTITION BY category ORDER BY price DESC), "
                        "dense_rank() OVER (PARTITION BY category ORDER BY price DESC) FROM {orders} WHERE dt = '%s' AND %s ORDER BY order_id"
                        % (self.day(), self.order_predicate()))
        elif choice == 2:
            s, d = same("SELECT order_id, user_id, lag(price) OVER (PARTITION BY user_id ORDER BY order_id), "
                        "lead(status, 2, 'none') OVER (PARTITION BY user_id ORDER BY order_id) FROM {orders} WHERE user_id <= %d ORDER BY order_id" % users)
        elif choice == 3:
            s, d = same("SELECT order_id, sum(price) OVER (PARTITION BY user_id ORDER BY order_id), "
                        "avg(price) OVER (PARTITION BY user_id ORDER BY order_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), "
                        "count(*) OVER (PARTITION BY user_id) FROM {orders} WHERE user_id <= %d ORDER BY order_id" % users)
        elif choice == 4:
            s, d = same("SELECT category, order_id, price FROM (SELECT category, order_id, price, row_number() OVER "
                        "(PARTITION BY category ORDER BY price DESC, order_id) AS rn FROM {orders} WHERE %s) t WHERE rn <= 3 "
                        "ORDER BY category, rn" % self.order_predicate())
        else:
            s, d = same("SELECT status, count(*), rank() OVER (ORDER BY count(*) DESC) FROM {orders} WHERE dt <= '%s' "
                        "GROUP BY status ORDER BY status" % self.day())
        return s, d, True

    def subqueries(self):
        choice = self.random.randint(0, 5)
        if choice == 0:
            s, d = same("SELECT count(*), avg(age) FROM {users} WHERE user_id IN (SELECT user_id FROM {orders} WHERE %s)" % self.order_predicate())
        elif choice == 1:
            s, d = same("SELECT count(*) FROM {users} WHERE user_id NOT IN (SELECT user_id FROM {orders} WHERE %s)" % self.order_predicate())
        elif choice == 2:
            s, d = same("SELECT gender, count(*) FROM {users} u WHERE NOT EXISTS (SELECT 1 FROM {orders} o WHERE o.user_id = u.user_id "
                        "AND o.category = '%s') GROUP BY gender" % self.pick(CATEGORIES))
        elif choice == 3:
            s, d = same("SELECT count(*), sum(price) FROM {orders} WHERE price > (SELECT avg(price) FROM {orders} WHERE %s)" % self.order_predicate())
        elif choice == 4:
            s, d = same("SELECT u.city, count(*) FROM {users} u WHERE EXISTS (SELECT 1 FROM {orders} o WHERE o.user_id = u.user_id "
                        "AND o.price > %d) GROUP BY u.city" % self.random.randint(300, 1500))
        else:
            s, d = same("SELECT avg(n), max(n), min(total) FROM (SELECT user_id, count(*) AS n, sum(price) AS total "
                        "FROM {orders} WHERE %s GROUP BY user_id) t" % self.order_predicate())
        return s, d, False

    def strings(self):
        s, d = same("SELECT upper(category), length(category), substr(status, 1, 3), lower(device.os) || '/' || coalesce(device.app_version, '?'), "
                    "count(*) FROM {orders} WHERE %s GROUP BY 1, 2, 3, 4" % self.order_predicate())
        return s, d, False

    def arithmetic(self):
        divisor = self.random.randint(2, 4)
        where = self.order_predicate()
        return ("SELECT quantity / %d, quantity %% %d, count(*), sum(price * quantity), avg(quantity * 2 + 1) FROM {orders} "
                "WHERE %s GROUP BY 1, 2" % (divisor, divisor, where),
                "SELECT quantity // %d, quantity %% %d, count(*), sum(price * quantity), avg(quantity * 2 + 1) FROM {orders} "
                "WHERE %s GROUP BY 1, 2" % (divisor, divisor, where), False)

    def cte(self):
        s, d = same("WITH spend AS (SELECT user_id, sum(price) AS total, count(*) AS n FROM {orders} WHERE %s GROUP BY user_id) "
                    "SELECT u.gender, count(*), avg(s.total), max(s.n) FROM spend s JOIN {users} u USING (user_id) GROUP BY u.gender"
                    % self.order_predicate())
        return s, d, False

    def nested(self):
        s, d = same("SELECT order_id, device, coupon, dt FROM {orders} WHERE %s ORDER BY order_id LIMIT %d"
                    % (self.order_predicate(), self.random.randint(3, 20)))
        return s, d, True

    TEMPLATES = [
        "filter_aggregates", "filter_rows", "group_one", "group_two", "having", "users_grouped", "users_ordered",
        "join_inner", "join_left", "join_right", "join_full", "join_using", "join_non_equi", "distinct",
        "set_operation", "set_operation_rows", "case", "dates", "windows", "subqueries", "strings", "arithmetic",
        "cte", "nested",
    ]

    def queries(self, count):
        result = []
        for index in range(count):
            template = self.TEMPLATES[index % len(self.TEMPLATES)]
            sluice, duckdb, ordered = getattr(self, template)()
            result.append({"id": index, "template": template, "sluice": sluice, "duckdb": duckdb, "ordered": ordered})
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--count", type=int, default=180)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    with open(arguments.out, "w") as handle:
        json.dump(Generator(arguments.seed).queries(arguments.count), handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
