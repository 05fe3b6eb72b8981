/// The 50 cities of the `users` table, most frequent first; a user's city is drawn with a
/// Zipf curve over this order (rank k has weight 1/k), so 서울 holds about 22% of users and
/// the last city about 0.4%. The city's naming culture picks the user's name list.
enum Cities {
    /// Which list a user's name is drawn from.
    enum Culture: Sendable {
        case western, korean, japanese
    }

    static let all: [(name: String, culture: Culture)] = [
        ("서울", .korean), ("New York", .western), ("東京", .japanese), ("London", .western),
        ("Paris", .western), ("부산", .korean), ("Los Angeles", .western), ("大阪", .japanese),
        ("Berlin", .western), ("Toronto", .western), ("Sydney", .western), ("Chicago", .western),
        ("Madrid", .western), ("인천", .korean), ("San Francisco", .western), ("Amsterdam", .western),
        ("横浜", .japanese), ("Singapore", .western), ("Seattle", .western), ("Barcelona", .western),
        ("Rome", .western), ("Vienna", .western), ("京都", .japanese), ("Munich", .western),
        ("Boston", .western), ("대구", .korean), ("Melbourne", .western), ("Stockholm", .western),
        ("Dublin", .western), ("Lisbon", .western), ("Austin", .western), ("福岡", .japanese),
        ("Zurich", .western), ("Vancouver", .western), ("Milan", .western), ("Prague", .western),
        ("Copenhagen", .western), ("Oslo", .western), ("Helsinki", .western), ("Warsaw", .western),
        ("Brussels", .western), ("Denver", .western), ("Montreal", .western), ("Auckland", .western),
        ("札幌", .japanese), ("Hamburg", .western), ("Lyon", .western), ("Porto", .western),
        ("Edinburgh", .western), ("Miami", .western),
    ]

    static let names = ByteStrings(all.map(\.name))
    static let cultures: [Culture] = all.map(\.culture)
    static let choice = WeightedChoice.zipf(count: all.count)
}

/// Given and family names by culture. Western names are written `Given Family`, Korean names
/// `FamilyGiven` without a space, Japanese names `Family Given`, as each culture writes them.
enum PersonNames {
    static let westernGiven = ByteStrings([
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "James",
        "Mia", "William", "Amelia", "Lucas", "Harper", "Henry", "Evelyn", "Mateo", "Chloé", "Jonas",
        "Léa", "Lukas", "Sofia", "Marco", "Ingrid", "Nils", "Aoife", "Diego", "Zoe", "Felix",
    ])
    static let westernFamily = ByteStrings([
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martin",
        "Müller", "Schmidt", "Dubois", "Rossi", "Lopez", "Wilson", "Anderson", "Taylor", "Thomas",
        "Moore", "Jackson", "Lee", "Walker", "Hansen", "Novak", "Kowalski", "O'Brien", "Silva",
        "Jensen", "Bianchi", "Fischer",
    ])
    static let koreanFamily = ByteStrings([
        "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권",
    ])
    static let koreanGiven = ByteStrings([
        "민준", "서연", "도윤", "지우", "서준", "하은", "예준", "하윤", "시우", "지유", "주원", "서아",
        "지호", "수아", "준우", "민서", "현우", "지안", "건우", "채원",
    ])
    static let japaneseFamily = ByteStrings([
        "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
        "佐々木", "松本", "井上",
    ])
    static let japaneseGiven = ByteStrings([
        "陽翔", "蓮", "湊", "陽葵", "凛", "結菜", "大翔", "芽依", "悠真", "葵", "さくら", "結衣",
        "颯太", "美咲", "翔太", "ひなた",
    ])
}
