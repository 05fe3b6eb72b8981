/// The value lists of the `orders` table and their fixed shares.
///
/// Categories (share of orders; price range in dollars):
///
/// | category    | share | price          |
/// |-------------|------:|----------------|
/// | electronics |   25% | 19.00–1,999.99 |
/// | fashion     |   18% | 9.00–399.99    |
/// | home        |   12% | 5.00–899.99    |
/// | beauty      |    9% | 3.00–149.99    |
/// | sports      |    8% | 8.00–699.99    |
/// | books       |    7% | 4.00–79.99     |
/// | grocery     |    6% | 1.00–99.99     |
/// | toys        |    5% | 5.00–249.99    |
/// | automotive  |    4% | 10.00–999.99   |
/// | health      |    3% | 3.00–199.99    |
/// | garden      |    2% | 4.00–499.99    |
/// | music       |    1% | 7.00–1,499.99  |
///
/// Within a category the price leans to the cheap end (the smaller of two uniform draws).
/// Statuses: delivered 45%, shipped 25%, paid 20%, cancelled 6%, refunded 4%.
/// Device OS: ios 45%, android 40%, web 15%; app versions lean to the newest release.
enum OrderVocabulary {
    static let categories = ByteStrings([
        "electronics", "fashion", "home", "beauty", "sports", "books",
        "grocery", "toys", "automotive", "health", "garden", "music",
    ])
    static let categoryChoice = WeightedChoice(weights: [25, 18, 12, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    /// Lowest and highest price in cents per category, in the order of ``categories``.
    static let priceRangeCents: [(low: Int, high: Int)] = [
        (1_900, 199_999), (900, 39_999), (500, 89_999), (300, 14_999), (800, 69_999), (400, 7_999),
        (100, 9_999), (500, 24_999), (1_000, 99_999), (300, 19_999), (400, 49_999), (700, 149_999),
    ]

    static let statuses = ByteStrings(["delivered", "shipped", "paid", "cancelled", "refunded"])
    static let statusChoice = WeightedChoice(weights: [45, 25, 20, 6, 4])

    static let operatingSystems = ByteStrings(["ios", "android", "web"])
    static let operatingSystemChoice = WeightedChoice(weights: [45, 40, 15])

    static let appVersions = ByteStrings(["3.2.1", "3.2.0", "3.1.4", "3.1.0", "3.0.2", "2.9.7"])
    static let appVersionChoice = WeightedChoice(weights: [40, 25, 15, 10, 6, 4])

    static let coupons = ByteStrings([
        "WELCOME10", "BLACKFRIDAY26", "FREESHIP", "CYBERMONDAY", "VIP20", "APP5", "HOLIDAY15", "FALL26",
    ])
}

/// The value lists of the `events` table and the words `titles` are built from.
///
/// Event types: view 70%, click 20%, purchase 7%, share 3%. Titles are two words from one
/// language (English 70%, Korean 15%, Japanese 15%), one in ten with a sequel number.
enum EventVocabulary {
    static let eventTypes = ByteStrings(["view", "click", "purchase", "share"])
    static let eventTypeChoice = WeightedChoice(weights: [70, 20, 7, 3])

    static let languageChoice = WeightedChoice(weights: [70, 15, 15])
    static let englishFirst = ByteStrings([
        "The Silent", "The Last", "Midnight", "Broken", "Golden", "Hidden", "The Lost", "Crimson",
        "Endless", "Electric", "The Quiet", "Burning", "Frozen", "Wild", "The Secret", "Northern",
        "Paper", "Iron", "Velvet", "Distant",
    ])
    static let englishSecond = ByteStrings([
        "River", "Kingdom", "Garden", "Signal", "Harbor", "Empire", "Detective", "Summer", "Orbit",
        "Lighthouse", "Frontier", "Kitchen", "Symphony", "Station", "Witness", "Horizon", "Academy",
        "Voyage", "Circuit", "Archive",
    ])
    static let koreanFirst = ByteStrings([
        "푸른", "조용한", "마지막", "뜨거운", "비밀의", "작은", "빛나는", "낯선", "슬기로운", "이상한",
    ])
    static let koreanSecond = ByteStrings([
        "바다", "도시", "의사생활", "정원", "계절", "약속", "여행", "학교", "식탁", "변호사",
    ])
    static let japaneseFirst = ByteStrings([
        "青い", "静かな", "最後の", "遠い", "秘密の", "小さな", "夏の", "夜の", "光る", "東京の",
    ])
    static let japaneseSecond = ByteStrings([
        "海", "約束", "物語", "食堂", "探偵", "季節", "旅", "学園", "花火", "記憶",
    ])
}
