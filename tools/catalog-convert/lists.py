"""Reference lists for the form's pickers (docs/catalog-format.md "Reference lists",
docs/pickers.md): ethnicities, nationalities, relationships and the 34 province-level units
after the 2025 merger, and which fields pick from which list.

Values are what is stored and sent, as a person would have typed them. Keywords are other
names people use (search aids, like a procedure's keywords); `formerly` lists the provinces
a unit absorbed under Resolution 202/2025/QH15. Communes are not bundled: no source here
lists the 3,321 communes and wards after the merger; a portal's catalogue can carry them as
lists with `within` (docs/catalog-format.md).
"""


def _text(vi, en=""):
    return {"vi": vi, "en": en}


def _fold(s):
    import unicodedata
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


# Decision 121-TCTK/PPCĐ (1979): the 54 ethnic groups of Viet Nam, with the other names in
# common use that are certain (the decision's own alternate names, older spellings).
ETHNICITIES = [
    ("Kinh", ["Việt"]), ("Ba Na", ["Bahnar"]), ("Bố Y", []), ("Brâu", []),
    ("Bru Vân Kiều", ["Bru", "Vân Kiều"]), ("Chăm", ["Chàm"]), ("Chơ Ro", []),
    ("Chu Ru", []), ("Chứt", []), ("Co", []), ("Cống", []), ("Cơ Ho", ["Koho"]),
    ("Cơ Lao", []), ("Cơ Tu", ["Katu"]), ("Dao", ["Mán"]), ("Ê Đê", ["Rhade"]),
    ("Gia Rai", ["Jrai"]), ("Giáy", []), ("Gié Triêng", []), ("H'Mông", ["Mông", "Mèo"]),
    ("Hà Nhì", []), ("Hoa", ["Hán"]), ("Hrê", []), ("Kháng", []), ("Khmer", ["Khơ-me"]),
    ("Khơ Mú", ["Khmu"]), ("La Chí", []), ("La Ha", []), ("La Hủ", []), ("Lào", []),
    ("Lô Lô", []), ("Lự", []), ("Mạ", []), ("Mảng", []), ("Mnông", ["M'Nông"]),
    ("Mường", []), ("Ngái", []), ("Nùng", []), ("Ơ Đu", []), ("Pà Thẻn", []),
    ("Phù Lá", []), ("Pu Péo", []), ("Ra Glai", []), ("Rơ Măm", []), ("Sán Chay", []),
    ("Sán Dìu", []), ("Si La", []), ("Tà Ôi", []), ("Tày", []), ("Thái", []), ("Thổ", []),
    ("Xinh Mun", []), ("Xơ Đăng", ["Sedang"]), ("Xtiêng", ["Stiêng"]),
]

# Viet Nam first, then the countries most often met in commune civil-status work
# (neighbours, marriage partners, where people work abroad). Official Vietnamese short names.
NATIONALITIES = [
    ("Việt Nam", "Viet Nam", ["Vietnam"]),
    ("Trung Quốc", "China", []),
    ("Hàn Quốc", "Republic of Korea", ["Korea", "Nam Hàn"]),
    ("Đài Loan (Trung Quốc)", "Taiwan (China)", []),
    ("Nhật Bản", "Japan", []),
    ("Hoa Kỳ", "United States", ["Mỹ", "USA"]),
    ("Lào", "Laos", []),
    ("Campuchia", "Cambodia", []),
    ("Thái Lan", "Thailand", []),
    ("Úc", "Australia", []),
    ("Canada", "Canada", []),
    ("Pháp", "France", []),
    ("Đức", "Germany", []),
    ("Anh", "United Kingdom", ["UK", "Vương quốc Anh"]),
    ("Nga", "Russia", []),
    ("Singapore", "Singapore", []),
    ("Malaysia", "Malaysia", []),
    ("Philippines", "Philippines", []),
    ("Indonesia", "Indonesia", []),
    ("Ấn Độ", "India", []),
    ("Myanmar", "Myanmar", []),
    ("Triều Tiên", "Democratic People's Republic of Korea", ["Bắc Hàn"]),
    ("Ba Lan", "Poland", []),
    ("Séc", "Czech Republic", ["Cộng hòa Séc"]),
    ("Ý", "Italy", ["Italia"]),
    ("Hà Lan", "Netherlands", []),
    ("Thụy Điển", "Sweden", []),
    ("Thụy Sĩ", "Switzerland", []),
    ("Na Uy", "Norway", []),
    ("Đan Mạch", "Denmark", []),
    ("Bỉ", "Belgium", []),
    ("Tây Ban Nha", "Spain", []),
    ("New Zealand", "New Zealand", []),
]

# A person's relationship to another (the child, the deceased, the person concerned).
RELATIONSHIPS = [
    ("Cha", "Father", ["Bố", "Ba"]),
    ("Mẹ", "Mother", ["Má"]),
    ("Ông nội", "Paternal grandfather", []),
    ("Bà nội", "Paternal grandmother", []),
    ("Ông ngoại", "Maternal grandfather", []),
    ("Bà ngoại", "Maternal grandmother", []),
    ("Vợ", "Wife", []),
    ("Chồng", "Husband", []),
    ("Con", "Child", ["Con trai", "Con gái"]),
    ("Anh", "Older brother", ["Anh trai"]),
    ("Chị", "Older sister", ["Chị gái"]),
    ("Em", "Younger brother or sister", ["Em trai", "Em gái"]),
    ("Cháu", "Grandchild, nephew or niece", ["Cháu nội", "Cháu ngoại"]),
    ("Bác", "Uncle or aunt (a parent's older sibling)", []),
    ("Chú", "Uncle (father's younger brother)", []),
    ("Cô", "Aunt (father's sister)", []),
    ("Cậu", "Uncle (mother's brother)", []),
    ("Dì", "Aunt (mother's sister)", []),
    ("Người giám hộ", "Guardian", []),
]

# Mối quan hệ với chủ hộ (residence): the household head first.
HOUSEHOLD = [
    ("Chủ hộ", "Head of household", []),
    ("Vợ", "Wife", []),
    ("Chồng", "Husband", []),
    ("Con", "Child", ["Con trai", "Con gái"]),
    ("Cha", "Father", ["Bố", "Ba"]),
    ("Mẹ", "Mother", ["Má"]),
    ("Con dâu", "Daughter-in-law", []),
    ("Con rể", "Son-in-law", []),
    ("Cháu", "Grandchild, nephew or niece", ["Cháu nội", "Cháu ngoại"]),
    ("Ông nội", "Paternal grandfather", []),
    ("Bà nội", "Paternal grandmother", []),
    ("Ông ngoại", "Maternal grandfather", []),
    ("Bà ngoại", "Maternal grandmother", []),
    ("Anh", "Older brother", ["Anh trai"]),
    ("Chị", "Older sister", ["Chị gái"]),
    ("Em", "Younger brother or sister", ["Em trai", "Em gái"]),
]

# Resolution 202/2025/QH15 (in force 12 June 2025; the new units' authorities from 1 July
# 2025): 6 cities and 28 provinces, each with the provinces it absorbed.
PROVINCES = [
    ("Hà Nội", [], []),
    ("Huế", [], ["Thừa Thiên Huế"]),
    ("Hải Phòng", ["Hải Dương"], []),
    ("Đà Nẵng", ["Quảng Nam"], []),
    ("Thành phố Hồ Chí Minh", ["Bình Dương", "Bà Rịa – Vũng Tàu"],
     ["Hồ Chí Minh", "TP HCM", "Sài Gòn"]),
    ("Cần Thơ", ["Sóc Trăng", "Hậu Giang"], []),
    ("An Giang", ["Kiên Giang"], []),
    ("Bắc Ninh", ["Bắc Giang"], []),
    ("Cà Mau", ["Bạc Liêu"], []),
    ("Cao Bằng", [], []),
    ("Đắk Lắk", ["Phú Yên"], []),
    ("Điện Biên", [], []),
    ("Đồng Nai", ["Bình Phước"], []),
    ("Đồng Tháp", ["Tiền Giang"], []),
    ("Gia Lai", ["Bình Định"], []),
    ("Hà Tĩnh", [], []),
    ("Hưng Yên", ["Thái Bình"], []),
    ("Khánh Hòa", ["Ninh Thuận"], []),
    ("Lai Châu", [], []),
    ("Lâm Đồng", ["Đắk Nông", "Bình Thuận"], []),
    ("Lạng Sơn", [], []),
    ("Lào Cai", ["Yên Bái"], []),
    ("Nghệ An", [], []),
    ("Ninh Bình", ["Hà Nam", "Nam Định"], []),
    ("Phú Thọ", ["Vĩnh Phúc", "Hòa Bình"], []),
    ("Quảng Ngãi", ["Kon Tum"], []),
    ("Quảng Ninh", [], []),
    ("Quảng Trị", ["Quảng Bình"], []),
    ("Sơn La", [], []),
    ("Tây Ninh", ["Long An"], []),
    ("Thái Nguyên", ["Bắc Kạn"], []),
    ("Thanh Hóa", [], []),
    ("Tuyên Quang", ["Hà Giang"], []),
    ("Vĩnh Long", ["Bến Tre", "Trà Vinh"], []),
]


def _provenance(confidence, sources, remarks):
    return {"confidence": confidence, "sources": sources, "remarks": remarks, "inferred": []}


def _item(value, en="", keywords=(), formerly=()):
    out = {"value": value}
    if en:
        out["label"] = _text(value, en)
    if keywords:
        out["keywords"] = list(keywords)
    if formerly:
        out["formerly"] = list(formerly)
    return out


def lists():
    kinh, rest = ETHNICITIES[0], sorted(ETHNICITIES[1:], key=lambda e: (_fold(e[0]), e[0]))
    return [
        {
            "code": "ethnicities",
            "name": _text("Dân tộc", "Ethnic group"),
            "items": [_item(v, keywords=k) for v, k in [kinh] + rest],
            "provenance": _provenance(
                "sourced",
                ["Quyết định số 121-TCTK/PPCĐ năm 1979 của Tổng cục Thống kê về Danh mục các "
                 "dân tộc Việt Nam"],
                "The 54 ethnic groups of the decision, Kinh first, the rest in alphabetical "
                "order. Keywords are other names in common use (search aids, not from the "
                "decision's text)."),
        },
        {
            "code": "nationalities",
            "name": _text("Quốc tịch", "Nationality"),
            "items": [_item(v, en, k) for v, en, k in NATIONALITIES],
            "provenance": _provenance(
                "inferred", [],
                "Viet Nam and the countries most often met in commune civil-status work, by "
                "their Vietnamese short names; not exhaustive: the picker always offers typing "
                "another."),
        },
        {
            "code": "relationships",
            "name": _text("Quan hệ", "Relationship"),
            "items": [_item(v, en, k) for v, en, k in RELATIONSHIPS],
            "provenance": _provenance(
                "inferred", [],
                "Family relationships as the forms' 'quan hệ' fields are usually filled in; "
                "the picker always offers typing another."),
        },
        {
            "code": "household_relationships",
            "name": _text("Quan hệ với chủ hộ", "Relationship to the head of household"),
            "items": [_item(v, en, k) for v, en, k in HOUSEHOLD],
            "provenance": _provenance(
                "inferred", [],
                "How household members are usually recorded against the head of household; "
                "the picker always offers typing another."),
        },
        {
            "code": "provinces",
            "name": _text("Tỉnh, thành phố", "Province or city"),
            "last_part": True,
            "items": [_item(v, keywords=k, formerly=f) for v, f, k in PROVINCES],
            "provenance": _provenance(
                "sourced",
                ["Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn "
                 "vị hành chính cấp tỉnh"],
                "The 34 province-level units from 12 June 2025 (6 cities, 28 provinces); "
                "formerly: the provinces each absorbed. The 6 cities first, then the provinces "
                "in alphabetical order."),
        },
    ]


# Address fields: the province is picked as the address's last part.
ADDRESS_PARTS = ("noi_cu_tru", "noi_sinh", "que_quan", "dia_chi_")


def list_for(code, field_type):
    """The list a field of the procedures picks from, or None."""
    if field_type != "text":
        return None
    if code == "quan_he_voi_chu_ho":
        return "household_relationships"
    if "quan_he" in code:
        return "relationships"
    if code.endswith("dan_toc"):
        return "ethnicities"
    if code.endswith("quoc_tich"):
        return "nationalities"
    if any(part in code for part in ADDRESS_PARTS):
        return "provinces"
    return None
