namespace ContentPipeline.Enrichment.Understanding;

/// <summary>Word lists enrichment relies on. Written for this product; extend them here, not in code.</summary>
public static class VietnameseLexicon
{
    /// <summary>Common acronyms of Vietnamese news and what they stand for.</summary>
    public static readonly IReadOnlyDictionary<string, string> Acronyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HĐND"] = "Hội đồng nhân dân",
        ["UBND"] = "Ủy ban nhân dân",
        ["TP"] = "thành phố",
        ["TP.HCM"] = "Thành phố Hồ Chí Minh",
        ["TPHCM"] = "Thành phố Hồ Chí Minh",
        ["MTTQ"] = "Mặt trận Tổ quốc",
        ["BHXH"] = "Bảo hiểm xã hội",
        ["BHYT"] = "Bảo hiểm y tế",
        ["LĐLĐ"] = "Liên đoàn Lao động",
        ["CNVCLĐ"] = "công nhân, viên chức, lao động",
        ["THPT"] = "trung học phổ thông",
        ["THCS"] = "trung học cơ sở",
        ["ĐBQH"] = "đại biểu Quốc hội",
        ["CSGT"] = "cảnh sát giao thông",
        ["GD&ĐT"] = "Giáo dục và Đào tạo",
        ["NHNN"] = "Ngân hàng Nhà nước",
        ["UBTVQH"] = "Ủy ban Thường vụ Quốc hội",
        ["ĐH"] = "đại học",
        ["KT-XH"] = "kinh tế - xã hội",
        ["CNTT"] = "công nghệ thông tin",
        ["DN"] = "doanh nghiệp",
        ["GDP"] = "tổng sản phẩm quốc nội",
        ["ATGT"] = "an toàn giao thông",
        ["PCCC"] = "phòng cháy chữa cháy",
        ["VKSND"] = "Viện Kiểm sát nhân dân",
        ["TAND"] = "Tòa án nhân dân",
    };

    /// <summary>Provinces, major cities and well-known places (names as usually written).</summary>
    public static readonly IReadOnlySet<string> Places = new HashSet<string>(StringComparer.Ordinal)
    {
        "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Bà Rịa - Vũng Tàu", "Vũng Tàu", "Bắc Giang",
        "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau",
        "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
        "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
        "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
        "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
        "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc",
        "Yên Bái", "Sài Gòn", "Sơn Tây", "Hà Đông", "Nha Trang", "Đà Lạt", "Hạ Long", "Phú Quốc", "Tây Nguyên", "Việt Nam",
        "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Hoa Kỳ", "Thái Lan", "Campuchia", "Singapore", "Hoàn Kiếm", "Ba Đình",
        "Đống Đa", "Hai Bà Trưng", "Hoàng Mai", "Thanh Xuân", "Cầu Giấy", "Tây Hồ", "Long Biên", "Bắc Từ Liêm", "Nam Từ Liêm",
        "Gia Lâm", "Đông Anh", "Sóc Sơn", "Thủ Đức", "Bình Thạnh", "Gò Vấp", "Tân Bình", "Phú Nhuận", "Đồng bằng sông Cửu Long",
        "Châu Âu", "Châu Á", "Châu Phi", "Châu Mỹ", "Đông Nam Á", "Ấn Độ", "Hà Lan", "Tây Ban Nha", "Đài Loan", "Hồng Kông",
    };

    /// <summary>Words that, written before a name, make it a place ("quận Nam Từ Liêm").</summary>
    public static readonly string[] PlacePrefixes = ["quận", "huyện", "tỉnh", "thành phố", "TP", "thị xã", "xã", "phường", "thị trấn"];

    /// <summary>Titles and forms of address that introduce a person ("Đồng chí Nguyễn Thị Bích Ngọc").</summary>
    public static readonly string[] PersonTitles =
    [
        "đồng chí", "ông", "bà", "anh", "chị", "chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư", "giám đốc", "phó giám đốc",
        "thủ tướng", "phó thủ tướng", "bộ trưởng", "thứ trưởng", "tổng bí thư", "chủ nhiệm", "trưởng ban", "đại tá", "thượng tá",
        "trung tá", "thiếu tướng", "trung tướng", "bác sĩ", "tiến sĩ", "thạc sĩ", "giáo sư", "nhà báo", "họa sĩ", "nghệ sĩ", "ca sĩ",
        "cầu thủ", "huấn luyện viên", "luật sư", "em", "cô", "thầy",
    ];

    /// <summary>Vietnamese family names: a capitalised run starting with one is most likely a person.</summary>
    public static readonly IReadOnlySet<string> Surnames = new HashSet<string>(StringComparer.Ordinal)
    {
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
        "Đinh", "Đào", "Trịnh", "Mai", "Trương", "Lưu", "Tô", "Tạ", "Hà", "Lương", "Châu", "Cao", "Lâm", "Thái", "Quách", "Kiều",
    };

    /// <summary>First words of organisation names ("Liên đoàn Lao động", "Sở Nội vụ").</summary>
    public static readonly string[] OrganisationHeads =
    [
        "Bộ", "Sở", "Ủy ban", "Uỷ ban", "Hội đồng", "Liên đoàn", "Công ty", "Tổng công ty", "Ngân hàng", "Trường", "Đại học",
        "Viện", "Ban", "Cục", "Tổng cục", "Công an", "Quốc hội", "Chính phủ", "Thành ủy", "Tỉnh ủy", "Mặt trận", "Hội", "Tập đoàn",
        "Bệnh viện", "Tòa án", "Viện Kiểm sát", "Đảng", "Công đoàn",
    ];

    /// <summary>Words too common to characterise an article (Vietnamese syllables and English words).</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "và", "của", "là", "có", "các", "những", "được", "trong", "cho", "với", "không", "này", "đã", "đến", "một", "khi",
        "từ", "theo", "về", "để", "tại", "cũng", "như", "ra", "sẽ", "thì", "lại", "nhiều", "đó", "sau", "trên", "vào", "hơn",
        "còn", "nhưng", "bị", "do", "mà", "nên", "rằng", "nếu", "vẫn", "đang", "chỉ", "gì", "ở", "làm", "phải", "đi", "việc",
        "nói", "cùng", "qua", "hay", "vì", "tới", "cả", "nào", "thế", "rất", "đây", "họ", "chúng", "tôi", "người", "năm",
        "ngày", "số", "hiện", "thể", "các", "điều", "lên", "mới", "đều", "trước", "nhất", "giữa", "bởi", "này", "ấy", "kia", "vừa",
        "mình", "ta", "vậy", "thì", "luôn", "hết", "nữa", "đâu", "sao", "bao", "gồm", "cách", "khác", "tháng", "giờ",
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was", "were", "be", "been", "it",
        "that", "this", "as", "at", "by", "from", "has", "have", "had", "he", "she", "they", "his", "her", "its", "but", "not",
        "will", "would", "said", "says", "also", "which", "who", "their", "there", "than", "more", "up", "out", "we", "you",
    };
}
