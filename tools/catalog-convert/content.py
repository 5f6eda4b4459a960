"""Hand-written catalogue content that the source data does not carry.

Everything here is derived from the source procedure (its agency, documents, remarks and
processing time) and written in plain words. convert.py lists every value taken from this
file in the procedure's provenance.inferred, so readers know it is not from the source.
"""

# Home-screen browsing by life event: display order, then names.
LIFE_EVENTS = [
    ("birth", "Sinh con", "Having a baby"),
    ("marriage", "Kết hôn", "Getting married"),
    ("death", "Khi có người mất", "When someone dies"),
    ("moving_house", "Chuyển nhà, cư trú", "Moving house and residence"),
    ("documents", "Giấy tờ, bản sao, chứng thực", "Papers, copies and certification"),
    ("social_assistance", "Trợ giúp xã hội", "Social assistance"),
    ("family", "Cha mẹ và con", "Parents and children"),
    ("guardianship", "Giám hộ", "Guardianship"),
    ("correction", "Sửa thông tin hộ tịch", "Correcting civil-status records"),
    ("property", "Tài sản, nhà đất", "Property, land and housing"),
    ("disability", "Người khuyết tật", "Disability"),
    ("poverty", "Hộ nghèo, hộ cận nghèo", "Poor and near-poor households"),
]

# Lĩnh vực codes for the source's field names.
FIELD_CODES = {
    "Hộ tịch": "ho_tich",
    "Chứng thực": "chung_thuc",
    "Cư trú": "cu_tru",
    "Bảo trợ xã hội": "bao_tro_xa_hoi",
    "Giảm nghèo": "giam_ngheo",
    "Hộ kinh doanh": "ho_kinh_doanh",
    "Người có công": "nguoi_co_cong",
}

# Source form fields that repeat the dossier's fixed applicant object; they are not carried
# as procedure fields (provenance.moved_to_applicant lists them).
APPLICANT_FIELDS = {"so_dien_thoai": "phone", "email": "email"}

# Working days after the day of filing (0: the same day) when the source gives a number.
# None: the source gives none. Values marked True were read with some interpretation.
PROCESSING_DAYS = {
    "1.001193": (0, False), "1.000689": (3, False), "1.000894": (0, False),
    "1.000656": (0, False), "1.001022": (3, False), "1.004859": (3, False),
    "1.004873": (3, False), "2.000635": (0, False), "1.004884": (5, False),
    "1.004746": (5, False), "1.005461": (5, False), "1.004837": (3, False),
    "1.004845": (2, False), "2.000815": (0, False), "2.000884": (0, False),
    "2.001035": (2, False), "1.004222": (7, False), "1.004194": (3, False),
    "1.002755": (3, False), "1.003197": (5, False), "1.010038": (5, False),
    "1.003677": (1, True),   # "trong 01 ngày" (not said to be working days)
    "1.010041": (1, True),   # half a working day, rounded up
    "1.001699": (25, True),  # "tổng khoảng 25 ngày làm việc"
    "1.001653": (5, False),
    "1.001731": (None, False),  # workflow after 1 July 2025 not verified
    "1.011607": (None, False),
}

# Codes the remarks say are also used for the same procedure.
OTHER_CODES = {"1.001731": ["1.116910"]}

# Procedures whose remarks say the form field list is inferred, not read from the form.
FORM_FIELDS_INFERRED = {
    "1.000689", "1.001022", "1.004859", "2.000635", "1.004884", "1.004746", "1.005461",
    "1.004837", "1.004845", "2.000815", "1.001699", "1.001653",
}
# Single fields or option lists the remarks call paraphrased, from memory or a convenience.
FIELD_PARTS_INFERRED = {
    ("1.004873", "tinh_trang_hon_nhan"): "options",
    ("1.003197", "ly_do_xoa"): "options",
    ("1.001699", "dang_tat"): "options",
    ("1.001731", "so_tai_khoan_nhan_tien"): "",
    ("1.004194", "tam_tru_den_ngay"): "",
}

# Page titles of form groups: code -> (vi, en).
GROUP_TITLES = {
    "yeu_cau": ("Yêu cầu", "Your request"),
    "tre": ("Người được khai sinh", "The child"),
    "me": ("Người mẹ", "The mother"),
    "cha": ("Người cha", "The father"),
    "cha_me": ("Cha mẹ và nơi đã đăng ký", "Parents and earlier registration"),
    "ben_nu": ("Bên nữ", "The bride"),
    "ben_nam": ("Bên nam", "The groom"),
    "nguoi_chet": ("Người đã mất", "The deceased"),
    "viec_chet": ("Việc mất", "The death"),
    "giay_bao_tu": ("Giấy báo tử", "Death notice"),
    "nguoi_nhan": ("Người nhận", "The acknowledging person"),
    "nguoi_duoc_nhan": ("Người được nhận", "The person acknowledged"),
    "nguoi": ("Người có thông tin", "The person concerned"),
    "noi_dung": ("Nội dung đề nghị", "What you ask for"),
    "su_kien": ("Sự kiện hộ tịch", "The civil-status record"),
    "dang_ky_cu": ("Nơi đã đăng ký", "Earlier registration"),
    "nguoi_giam_ho": ("Người giám hộ", "The guardian"),
    "nguoi_duoc_giam_ho": ("Người được giám hộ", "The ward"),
    "giay_to": ("Giấy tờ cần chứng thực", "The paper"),
    "hop_dong": ("Hợp đồng, giao dịch", "The contract or transaction"),
    "chu_ho": ("Chủ hộ", "Head of household"),
    "de_nghi": ("Nội dung đề nghị", "What you ask for"),
    "chu_so_huu": ("Chủ sở hữu chỗ ở", "Owner of the home"),
    "tam_vang": ("Tạm vắng", "Temporary absence"),
    "nguoi_khuyet_tat": ("Người khuyết tật", "The person with a disability"),
    "dai_dien": ("Người đại diện", "Legal representative"),
    "mai_tang": ("Người lo mai táng", "Who organised the funeral"),
    "ho": ("Hộ gia đình", "The household"),
}

# Per procedure: pages in order; each lists its fields (a trailing * matches a prefix).
# Optional third item overrides the page title.
PAGES = {
    "1.001193": [("yeu_cau", ["quan_he_voi_nguoi_duoc_khai_sinh", "so_ban_sao_yeu_cau"]),
                 ("tre", ["tre_*"]), ("me", ["me_*"]), ("cha", ["cha_*"])],
    "1.000689": [("yeu_cau", ["loai_nhan", "so_ban_sao_yeu_cau"]), ("tre", ["tre_*"]),
                 ("me", ["me_*"]), ("cha", ["cha_*"])],
    "1.000894": [("ben_nu", ["ben_nu_*"]), ("ben_nam", ["ben_nam_*"]),
                 ("yeu_cau", ["so_ban_sao_yeu_cau"])],
    "1.000656": [("yeu_cau", ["quan_he_voi_nguoi_chet", "so_ban_sao_yeu_cau"]),
                 ("nguoi_chet", ["nguoi_chet_*"]),
                 ("viec_chet", ["ngay_chet", "gio_chet", "noi_chet", "nguyen_nhan_chet"]),
                 ("giay_bao_tu", ["so_giay_bao_tu", "noi_cap_giay_bao_tu",
                                  "ngay_cap_giay_bao_tu"])],
    "1.001022": [("yeu_cau", ["loai_nhan", "so_ban_sao_yeu_cau"]),
                 ("nguoi_nhan", ["nguoi_nhan_*"]), ("nguoi_duoc_nhan", ["nguoi_duoc_nhan_*"])],
    "1.004859": [("yeu_cau", ["loai_yeu_cau", "quan_he_voi_nguoi_duoc_thay_doi",
                              "so_ban_sao_yeu_cau"]),
                 ("nguoi", ["nguoi_duoc_thay_doi_*"]),
                 ("noi_dung", ["giay_to_hien_tai", "noi_dung_hien_tai", "noi_dung_de_nghi",
                               "ly_do"])],
    "1.004873": [("nguoi", ["xac_nhan_cho_*"], ("Người được xác nhận",
                                                 "The person to certify")),
                 ("noi_dung", ["thoi_gian_cu_tru_can_xac_nhan", "tinh_trang_hon_nhan",
                               "muc_dich_su_dung", "so_luong_ban"])],
    "2.000635": [("nguoi", ["nguoi_co_su_kien_*", "quan_he_voi_nguoi_co_su_kien"]),
                 ("su_kien", ["loai_su_kien", "noi_dang_ky", "ngay_dang_ky", "so_dang_ky",
                              "so_luong_ban_sao"])],
    "1.004884": [("nguoi", ["nguoi_duoc_khai_sinh_*"], ("Người được khai sinh",
                                                        "The person registered")),
                 ("cha_me", ["me_ho_ten", "cha_ho_ten", "da_dang_ky_tai"])],
    "1.004746": [("ben_nu", ["ben_nu_*"], ("Bên nữ (vợ)", "The wife")),
                 ("ben_nam", ["ben_nam_*"], ("Bên nam (chồng)", "The husband")),
                 ("dang_ky_cu", ["da_dang_ky_tai"])],
    "1.005461": [("nguoi_chet", ["nguoi_chet_*"]),
                 ("viec_chet", ["ngay_chet", "noi_chet", "nguyen_nhan_chet",
                                "da_dang_ky_tai"])],
    "1.004837": [("yeu_cau", ["loai_giam_ho", "can_cu", "so_ban_sao_yeu_cau"]),
                 ("nguoi_giam_ho", ["nguoi_giam_ho_*"]),
                 ("nguoi_duoc_giam_ho", ["nguoi_duoc_giam_ho_*"])],
    "1.004845": [("nguoi_giam_ho", ["nguoi_giam_ho_*"]),
                 ("nguoi_duoc_giam_ho", ["nguoi_duoc_giam_ho_*"]),
                 ("yeu_cau", ["da_dang_ky_giam_ho_tai", "ly_do_cham_dut"])],
    "2.000815": [("giay_to", ["*"])],
    "2.000884": [("giay_to", ["*"])],
    "2.001035": [("hop_dong", ["*"])],
    "1.004222": [("de_nghi", ["noi_dung_de_nghi", "dia_chi_dang_ky",
                              "thanh_vien_cung_thay_doi"]),
                 ("chu_ho", ["chu_ho_*", "quan_he_voi_chu_ho"]),
                 ("chu_so_huu", ["chu_so_huu_*"])],
    "1.004194": [("de_nghi", ["noi_dung_de_nghi", "dia_chi_tam_tru", "tam_tru_den_ngay",
                              "thanh_vien_cung_thay_doi"]),
                 ("chu_ho", ["chu_ho_*", "quan_he_voi_chu_ho"])],
    "1.002755": [("de_nghi", ["noi_dung_de_nghi", "dia_chi_tam_tru", "tam_tru_den_ngay",
                              "thanh_vien_cung_thay_doi"]),
                 ("chu_ho", ["chu_ho_*", "quan_he_voi_chu_ho"])],
    "1.003197": [("de_nghi", ["noi_dung_de_nghi", "nguoi_bi_xoa_*", "ly_do_xoa",
                              "thanh_vien_cung_thay_doi"]),
                 ("chu_ho", ["chu_ho_*", "quan_he_voi_chu_ho"])],
    "1.010038": [("de_nghi", ["noi_dung_de_nghi", "thanh_vien_cung_thay_doi"]),
                 ("chu_ho", ["chu_ho_*", "quan_he_voi_chu_ho"])],
    "1.003677": [("tam_vang", ["*"])],
    "1.010041": [("de_nghi", ["noi_dung_de_nghi", "thanh_vien_cung_thay_doi"]),
                 ("chu_ho", ["chu_ho_*", "quan_he_voi_chu_ho"])],
    "1.001699": [("nguoi_khuyet_tat", ["nguoi_khuyet_tat_*"]),
                 ("de_nghi", ["noi_dung_de_nghi", "dang_tat"]),
                 ("dai_dien", ["nguoi_dai_dien_*"])],
    "1.001653": [("nguoi_khuyet_tat", ["*"])],
    "1.001731": [("nguoi_chet", ["nguoi_chet_*", "ngay_chet", "doi_tuong"]),
                 ("mai_tang", ["nguoi_to_chuc_mai_tang_quan_he", "so_tai_khoan_nhan_tien"])],
    "1.011607": [("ho", ["chu_ho_*", "dia_chi", "so_nhan_khau"]),
                 ("de_nghi", ["de_nghi", "ly_do"])],
}

# Rules for number fields (the source gives none): code -> (min, max, not_after).
# Years of birth may not be after the current year.
NUMBER_RULES = {
    "me_nam_sinh": (1900, 2100, "current_year"),
    "cha_nam_sinh": (1900, 2100, "current_year"),
    "so_ban_sao_yeu_cau": (0, 50, None),
    "ben_nu_lan_ket_hon": (1, 10, None),
    "so_trang_ban_dich": (1, 1000, None),
    "ben_nam_lan_ket_hon": (1, 10, None),
    "so_luong_ban": (1, 50, None),
    "so_luong_ban_sao": (1, 50, None),
    "so_trang_ban_chinh": (1, 1000, None),
    "so_ban_sao": (1, 100, None),
    "so_nguoi_ky": (1, 50, None),
    "so_ben_tham_gia": (1, 50, None),
    "so_trang_hop_dong": (1, 1000, None),
    "so_nhan_khau": (1, 50, None),
    "so_thanh_vien": (0, 50, None),
}

# Date fields about the past (births, deaths, issue and registration dates) may not be in
# the future; end dates of a stay or absence may not be in the past.
DATE_NOT_AFTER_TODAY_SUFFIXES = ("ngay_sinh", "ngay_chet", "ngay_cap_giay_bao_tu",
                                 "ngay_dang_ky", "ngay_chung_thuc")
DATE_NOT_BEFORE_TODAY = {"tam_tru_den_ngay", "tam_vang_den_ngay"}

# Text fields that need more than the format's default 200 characters.
LONG_TEXT = {
    "thanh_vien_cung_thay_doi": 1000, "noi_dung_de_nghi": 500, "noi_dung_hien_tai": 500,
    "ly_do": 500, "ly_do_cham_dut": 500, "ly_do_tam_vang": 500, "can_cu": 500,
    "muc_dich_su_dung": 300, "nguyen_nhan_chet": 300, "giay_to_hien_tai": 300,
}

# Field labels whose source text carries an example that belongs in the help line.
LABEL_EN_FIXES = {
    "noi_dung_de_nghi": "What is requested",
}
HELP = {
    ("1.004222", "noi_dung_de_nghi"): ("Ví dụ: đăng ký thường trú tại nhà của bố mẹ.",
                                       "For example: register permanent residence at my "
                                       "parents' home."),
    ("1.004194", "noi_dung_de_nghi"): ("Ví dụ: đăng ký tạm trú tại nhà trọ.",
                                       "For example: register temporary residence at a "
                                       "rented room."),
    ("1.002755", "noi_dung_de_nghi"): ("Ví dụ: gia hạn tạm trú thêm 2 năm.",
                                       "For example: extend temporary residence by 2 years."),
    ("1.003197", "noi_dung_de_nghi"): ("Ví dụ: xóa đăng ký thường trú cho người đã mất.",
                                       "For example: deregister a family member who has died."),
    ("1.010038", "noi_dung_de_nghi"): ("Ví dụ: tách hộ cho vợ chồng tôi ra hộ riêng.",
                                       "For example: split my spouse and me into our own "
                                       "household."),
    ("1.010041", "noi_dung_de_nghi"): ("Ví dụ: xác nhận nơi thường trú để nộp hồ sơ xin việc.",
                                       "For example: confirm my permanent residence for a "
                                       "job application."),
    ("1.000656", "gio_chet"): ("Ghi theo dạng giờ:phút, ví dụ 14:30.",
                               "Write it as hours:minutes, for example 14:30."),
}

# English labels of choice options (the Vietnamese value is what is stored and sent).
OPTION_EN = {
    "Nam": "Male", "Nữ": "Female",
    "Trợ cấp một lần": "Lump-sum allowance",
    "Trợ cấp mai táng": "Funeral allowance",
    "Trợ cấp tuất hằng tháng, tuất nuôi dưỡng hằng tháng":
        "Monthly survivor allowance or monthly care allowance",
    "Cha nhận con": "Father acknowledges the child",
    "Mẹ nhận con": "Mother acknowledges the child",
    "Con nhận cha": "Child acknowledges the father",
    "Con nhận mẹ": "Child acknowledges the mother",
    "Thay đổi": "Change", "Cải chính": "Correction", "Bổ sung": "Supplement",
    "Xác định lại dân tộc": "Re-determine ethnicity",
    "Chưa đăng ký kết hôn với ai": "Never married",
    "Đang có vợ/chồng": "Currently married",
    "Đã ly hôn, chưa kết hôn lại": "Divorced, not remarried",
    "Vợ/chồng đã chết, chưa kết hôn lại": "Widowed, not remarried",
    "Khai sinh": "Birth", "Kết hôn": "Marriage", "Khai tử": "Death",
    "Nhận cha, mẹ, con": "Acknowledgement of parent or child", "Giám hộ": "Guardianship",
    "Thay đổi, cải chính, bổ sung hộ tịch": "Change, correction or supplement",
    "Khác": "Other",
    "Giám hộ cử": "Appointed guardian", "Giám hộ đương nhiên": "Guardian by law",
    "Ký": "Signs", "Điểm chỉ": "Fingerprint",
    "Không ký, không điểm chỉ được": "Can neither sign nor fingerprint",
    "Mua bán": "Sale", "Tặng cho": "Gift", "Thế chấp": "Mortgage",
    "Cho thuê, cho mượn, cho ở nhờ": "Rent, loan or free lodging",
    "Ủy quyền": "Authorisation",
    "Văn bản thỏa thuận phân chia/khai nhận di sản": "Agreement dividing or accepting an "
                                                     "inheritance",
    "Động sản": "Movable property", "Quyền sử dụng đất": "Land-use rights",
    "Nhà ở": "Housing",
    "Đã chết/mất tích": "Died or missing",
    "Đi định cư ở nước ngoài": "Settled abroad",
    "Vắng mặt liên tục từ 12 tháng trở lên": "Absent for 12 months or more",
    "Thôi/bị hủy/bị tước quốc tịch": "Lost Vietnamese nationality",
    "Không còn chỗ ở hợp pháp": "No longer has lawful accommodation",
    "Đã đăng ký thường trú ở nơi khác": "Registered permanent residence elsewhere",
    "Xác định mức độ khuyết tật lần đầu": "First assessment",
    "Xác định lại mức độ khuyết tật": "Re-assessment",
    "Khuyết tật vận động": "Physical", "Khuyết tật nghe, nói": "Hearing or speech",
    "Khuyết tật nhìn": "Sight", "Khuyết tật thần kinh, tâm thần": "Mental or psychosocial",
    "Khuyết tật trí tuệ": "Intellectual", "Khuyết tật khác": "Other",
    "Sai thông tin so với giấy tờ tùy thân": "Details differ from the ID document",
    "Hư hỏng không sử dụng được": "Damaged beyond use", "Bị mất": "Lost",
    "Thay đổi dạng tật/mức độ khuyết tật": "Type or level of disability changed",
    "Đang hưởng trợ cấp xã hội hằng tháng": "Received a monthly social allowance",
    "Con của người đơn thân nghèo đang nuôi con": "Child of a poor single parent",
    "Người từ đủ 80 tuổi hưởng trợ cấp tuất BHXH/trợ cấp hằng tháng khác":
        "Aged 80 or over with a survivor's or other monthly allowance",
    "Công nhận hộ nghèo": "Poor household", "Công nhận hộ cận nghèo": "Near-poor household",
    "Sửa đổi": "Amend", "Hủy bỏ": "Cancel",
    "Hưởng trợ cấp xã hội hằng tháng": "Receive a monthly social allowance",
    "Hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng": "Monthly support for caring for someone",
    "Điều chỉnh mức trợ cấp": "Change the allowance", "Thôi hưởng trợ cấp": "Stop the allowance",
    "Tạm ngừng kinh doanh": "Pause the business",
    "Tiếp tục kinh doanh trước thời hạn": "Reopen before the announced date",
}


# Liên thông bundles (docs/bundles.md): procedures filed in one sitting, one dossier each.
# A bundle lists only procedures of the catalogue; one the data has no facts for is named
# in its note instead of being invented.
BUNDLES = [
    {
        "code": "khai_sinh_lien_thong",
        "name": {
            # Only what is filed here: the child's health-insurance card is not (its note).
            "vi": "Liên thông: khai sinh, đăng ký thường trú",
            "en": "Joint filing: birth registration and permanent residence",
        },
        "procedures": ["1.001193", "1.004222"],
        "shared_fields": [],
        # A newborn is registered where the parent lives: the usual answers, shown filled in
        # on the residence page and changeable there (docs/bundles.md "Prefilled").
        "prefill": [
            {"procedure": "1.004222", "field": "dia_chi_dang_ky", "from": "applicant.address"},
            {"procedure": "1.004222", "field": "noi_dung_de_nghi", "value": "Đăng ký thường trú cho trẻ mới sinh"},
        ],
        "note": {
            "vi": "Thủ tục cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi chưa có trong danh mục của ki-ốt: hỏi cán bộ.",
            "en": "The health insurance card for a child under 6 is not in the kiosk's catalogue yet: ask the staff.",
        },
        "provenance": {
            "confidence": "sourced",
            "sources": [
                "shared/data procedures.json 1.001193 remarks_en: birth registration can be filed jointly ('liên thông') with permanent-residence registration and child health-insurance card issuance"
            ],
            "remarks": "The health-insurance card procedure has no sourced facts in shared/data, so it is not in the catalogue; no field of the two procedures is the same value, so only the applicant is shared. The prefilled residence answers are the usual case for a newborn (registered at the parent's address), not a rule from a source: the citizen sees them and can change them.",
            "inferred": ["/prefill"],
        },
    },
    {
        "code": "khai_tu_lien_thong",
        "name": {
            "vi": "Liên thông: khai tử, xóa đăng ký thường trú, hỗ trợ chi phí mai táng",
            "en": "Joint filing: death registration, residence deregistration, funeral allowance",
        },
        "procedures": ["1.000656", "1.003197", "1.001731"],
        "shared_fields": [
            {"1.000656": "nguoi_chet_ho_ten", "1.003197": "nguoi_bi_xoa_ho_ten", "1.001731": "nguoi_chet_ho_ten"},
            {"1.000656": "nguoi_chet_so_dinh_danh", "1.003197": "nguoi_bi_xoa_so_dinh_danh", "1.001731": "nguoi_chet_so_dinh_danh"},
            {"1.000656": "nguoi_chet_ngay_sinh", "1.001731": "nguoi_chet_ngay_sinh"},
            {"1.000656": "ngay_chet", "1.001731": "ngay_chet"},
            {"1.000656": "nguoi_chet_noi_cu_tru_cuoi", "1.001731": "nguoi_chet_noi_cu_tru"},
        ],
        "note": {
            "vi": "Hỗ trợ chi phí mai táng ở đây là cho đối tượng bảo trợ xã hội; trợ cấp mai táng khác (bảo hiểm xã hội, người có công): hỏi cán bộ.",
            "en": "The funeral allowance here is the one for social-assistance beneficiaries; other funeral allowances (social insurance, people with merit): ask the staff.",
        },
        "provenance": {
            "confidence": "inferred",
            "sources": [],
            "remarks": "The grouping is the one issue 13 names; shared/data has no source for it. The shared fields are the same person and dates in the three forms.",
            "inferred": ["/procedures", "/shared_fields"],
        },
    },
]
