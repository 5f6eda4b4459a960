"""Guided questions (catalogue format 2, docs/catalog-format.md "Guided questions").

One decision tree per high-volume life event, written from the facts in shared/data
procedures.json (documents and their "only when" notes, fees and their exemptions,
deadlines in the processing time, remarks) and the Civil Status Law articles those cite.
A value that no source gives (where a case the kiosk cannot serve is handled, which
fields an answer makes unnecessary, exemption lists nobody has read in full) is marked
inferred(...) and ends up in the guide's provenance.inferred: the kiosk then says
"ask the staff". Never add a fee, a document or a deadline here without its source.
"""

INFERRED = "_inferred"


def t(vi, en):
    return {"vi": vi, "en": en}


def inferred(item):
    """Marks a node, document, fee, warning or skip as not taken from a source."""
    item[INFERRED] = True
    return item


def question(code, vi, en, options, help_=None):
    n = {"code": code, "kind": "question", "text": t(vi, en)}
    if help_:
        n["help"] = t(*help_)
    n["options"] = [{"code": c, "label": t(ovi, oen), "next": nxt} for c, ovi, oen, nxt in options]
    return n


def outcome(code, vi, en, procedures, documents, fees, warnings=(), skip=(), bundle=None):
    n = {"code": code, "kind": "outcome", "text": t(vi, en),
         "procedures": [{"procedure": p, "situation": "ca_nhan_tu_nop"} for p in procedures]}
    if bundle:
        n["bundle"] = bundle
    n["documents"] = list(documents)
    n["fees"] = list(fees)
    if skip:
        n["skip_fields"] = list(skip)
    if warnings:
        n["warnings"] = list(warnings)
    return n


def exit_page(code, vi, en, office, bring, warnings=()):
    n = {"code": code, "kind": "exit", "text": t(vi, en), "office": t(*office),
         "bring": [t(*b) for b in bring]}
    if warnings:
        n["warnings"] = list(warnings)
    return n


def doc(procedure, code, when=None, name=None, note=None):
    d = {"procedure": procedure, "document": code}
    if name:
        d["name"] = t(*name)
    if note:
        d["note"] = t(*note)
    if when:
        d["when"] = when
    return d


def fee(procedure, code, amount, note, when=None):
    f = {"procedure": procedure, "fee": code, "amount_dong": amount, "note": t(*note)}
    if when:
        f["when"] = when
    return f


def warn(code, vi, en, when=None):
    w = {"code": code, "text": t(vi, en)}
    if when:
        w["when"] = when
    return w


def skip(procedure, field, when=None):
    s = {"procedure": procedure, "field": field}
    if when:
        s["when"] = when
    return s


# Texts used by several guides.
ID_DOC = ("Giấy tờ tùy thân (thẻ Căn cước/CCCD, hộ chiếu hoặc giấy tờ có ảnh còn giá trị)",
          "Identity document (Căn cước/CCCD card, passport or other valid photo ID)")
ART11_EXEMPT = ("Miễn lệ phí cho người thuộc hộ nghèo, gia đình có công với cách mạng, người khuyết "
                "tật (Luật Hộ tịch Điều 11).",
                "Free for poor households, families of people with merit to the revolution and "
                "people with disabilities (Civil Status Law Art. 11).")
PROVINCE_RATE = ("Mức thu do Hội đồng nhân dân cấp tỉnh quy định: hỏi cán bộ.",
                 "The amount is set by the provincial council: ask the staff.")
EXEMPT_QUESTION = ("Người yêu cầu thuộc hộ nghèo, gia đình có công với cách mạng, hoặc là người "
                   "khuyết tật?",
                   "Is the person asking from a poor household or a family of a person with merit "
                   "to the revolution, or a person with a disability?")
YES_NO_EXEMPT = [("yes", "Có", "Yes"), ("no", "Không", "No")]
COPY_FEE = ("8.000 đồng mỗi bản sao trích lục (Thông tư 281/2016/TT-BTC).",
            "8,000 dong per copy of the extract (Circular 281/2016/TT-BTC).")


def exempt_question(code, nxt):
    return question(code, *EXEMPT_QUESTION, [(c, vi, en, nxt) for c, vi, en in YES_NO_EXEMPT])


def copy_outcome(code):
    p = "2.000635"
    return outcome(code, "Cấp bản sao trích lục hộ tịch", "A copy of a civil status extract", [p],
                   [doc(p, "to_khai_cap_ban_sao_trich_luc"), doc(p, "van_ban_uy_quyen"),
                    doc(p, "giay_to_tuy_than")],
                   [fee(p, "phi_ban_sao_trich_luc", 8000, COPY_FEE)])


def residence_confirm_outcome(code):
    xn = "1.010041"
    return outcome(code, "Xác nhận thông tin về cư trú", "Confirmation of residence details", [xn],
                   [doc(xn, "to_khai_ct01")],
                   [fee(xn, "le_phi_xac_nhan_cu_tru", 0, ("Không thu.", "No fee."))])


def fee_after_exemption(p, code, exempt_q, when_due=None):
    """A provincial-rate fee: free for Art. 11 groups, else set by the province."""
    due = dict(when_due or {})
    return [fee(p, code, 0, ART11_EXEMPT, {**due, exempt_q: ["yes"]}),
            fee(p, code, None, PROVINCE_RATE, {**due, exempt_q: ["no"]})]


def birth_place_docs(p, place_q):
    """Giấy chứng sinh, or what replaces it (Luật Hộ tịch Art. 16, the source's note)."""
    return [
        doc(p, "giay_chung_sinh", {place_q: ["hospital"]}),
        doc(p, "giay_chung_sinh", {place_q: ["home_witness"]},
            name=("Văn bản của người làm chứng xác nhận việc sinh",
                  "A witness's written statement confirming the birth"),
            note=("Thay cho Giấy chứng sinh khi trẻ không sinh tại cơ sở y tế (Luật Hộ tịch Điều 16).",
                  "In place of the birth certificate when the child was not born at a health "
                  "facility (Civil Status Law Art. 16).")),
        doc(p, "giay_chung_sinh", {place_q: ["home_alone"]},
            name=("Giấy cam đoan về việc sinh", "A signed declaration (cam đoan) about the birth"),
            note=("Thay cho Giấy chứng sinh khi không có người làm chứng (Luật Hộ tịch Điều 16).",
                  "In place of the birth certificate when there is no witness (Civil Status Law "
                  "Art. 16).")),
    ]


def place_question(code, nxt):
    return question(code, "Trẻ sinh ở đâu?", "Where was the child born?", [
        ("hospital", "Tại bệnh viện, cơ sở y tế (có Giấy chứng sinh)",
         "At a hospital or health facility (with its birth certificate)", nxt),
        ("home_witness", "Ngoài cơ sở y tế, có người làm chứng",
         "Outside a health facility, with a witness", nxt),
        ("home_alone", "Ngoài cơ sở y tế, không có người làm chứng",
         "Outside a health facility, without a witness", nxt),
    ])


def timing_question(code, on_time, late, days, vi_event, en_event):
    return question(code, f"{vi_event} chưa quá {days} ngày?", f"{en_event} less than {days} days ago?", [
        ("on_time", f"Chưa quá {days} ngày", f"Less than {days} days ago", on_time),
        ("late", f"Đã quá {days} ngày", f"{days} days ago or more", late),
    ])


LATE_BIRTH = ("late_birth_registration",
              "Đã quá hạn 60 ngày kể từ ngày sinh (Luật Hộ tịch Điều 15): đây là đăng ký khai sinh "
              "không đúng hạn.",
              "More than 60 days since the birth (Civil Status Law Art. 15): this is a late birth "
              "registration.")


def birth_guide():
    ks, ack, again = "1.001193", "1.000689", "1.004884"
    father_fields = ["cha_ho_ten", "cha_nam_sinh", "cha_dan_toc", "cha_quoc_tich",
                     "cha_so_dinh_danh", "cha_noi_cu_tru"]
    nodes = [
        question("need", "Ông/Bà cần làm gì?", "What do you need?", [
            ("new", "Khai sinh cho trẻ (chưa từng khai sinh)", "Register a birth (never registered)",
             "parents"),
            ("surrogacy", "Khai sinh cho trẻ sinh ra do mang thai hộ",
             "Register a child born through surrogacy", "place"),
            ("abandoned", "Khai sinh cho trẻ bị bỏ rơi", "Register an abandoned child",
             "out_abandoned"),
            ("copy", "Xin thêm bản sao giấy khai sinh đã đăng ký",
             "Another copy of a registered birth certificate", "out_copy"),
            ("lost", "Sổ hộ tịch nơi đã khai sinh bị mất: đăng ký lại",
             "The register the birth was recorded in was lost: register again", "out_again"),
        ]),
        question("parents", "Cha và mẹ của trẻ đã đăng ký kết hôn với nhau chưa?",
                 "Are the child's parents married to each other (a registered marriage)?", [
                     ("married", "Đã đăng ký kết hôn", "Yes, married", "place"),
                     ("ack", "Chưa, và người cha nhận con ngay lúc này",
                      "No, and the father acknowledges the child now", "place_ack"),
                     ("no_father", "Chưa, và chưa xác định được người cha",
                      "No, and no father is named", "place"),
                 ]),
        place_question("place", "timing"),
        timing_question("timing", "out_birth", "exempt", 60, "Trẻ sinh", "Was the child born"),
        exempt_question("exempt", "out_birth"),
        place_question("place_ack", "timing_ack"),
        timing_question("timing_ack", "exempt_ack", "exempt_ack", 60, "Trẻ sinh",
                        "Was the child born"),
        exempt_question("exempt_ack", "out_birth_ack"),
        outcome("out_birth", "Đăng ký khai sinh", "Birth registration", [ks],
                [doc(ks, "to_khai_dang_ky_khai_sinh"), *birth_place_docs(ks, "place"),
                 doc(ks, "van_ban_mang_thai_ho", {"need": ["surrogacy"]}),
                 doc(ks, "van_ban_uy_quyen"), doc(ks, "giay_to_tuy_than")],
                [fee(ks, "le_phi_khai_sinh_dung_han", 0,
                     ("Miễn: đăng ký đúng hạn (Luật Hộ tịch Điều 11).",
                      "Free: registered on time (Civil Status Law Art. 11)."),
                     {"timing": ["on_time"]}),
                 *fee_after_exemption(ks, "le_phi_khai_sinh_qua_han", "exempt"),
                 fee(ks, "phi_ban_sao_trich_luc", 8000,
                     ("8.000 đồng mỗi bản sao, chỉ khi xin thêm bản sao (Thông tư 281/2016/TT-BTC).",
                      "8,000 dong per copy, only if you ask for extra copies (Circular "
                      "281/2016/TT-BTC)."))],
                warnings=[warn(*LATE_BIRTH, {"timing": ["late"]}),
                          inferred(warn("no_father",
                                        "Phần khai về người cha để trống. Nếu sau này người cha "
                                        "nhận con thì làm thủ tục đăng ký nhận cha, mẹ, con.",
                                        "The father's part stays empty. If the father acknowledges "
                                        "the child later, that is the acknowledgement procedure.",
                                        {"parents": ["no_father"]}))],
                skip=[inferred(skip(ks, f, {"parents": ["no_father"]})) for f in father_fields]),
        outcome("out_birth_ack", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
                "Birth registration with acknowledgement of the father", [ack],
                [doc(ack, "to_khai_dang_ky_khai_sinh"), doc(ack, "to_khai_nhan_cha_me_con"),
                 *birth_place_docs(ack, "place_ack"), doc(ack, "chung_cu_quan_he_cha_me_con"),
                 doc(ack, "van_ban_uy_quyen"), doc(ack, "giay_to_tuy_than")],
                [fee(ack, "le_phi_khai_sinh_dung_han", 0,
                     ("Miễn: đăng ký khai sinh đúng hạn (Luật Hộ tịch Điều 11).",
                      "Free: birth registered on time (Civil Status Law Art. 11)."),
                     {"timing_ack": ["on_time"]}),
                 *fee_after_exemption(ack, "le_phi_nhan_cha_me_con", "exempt_ack")],
                warnings=[warn(*LATE_BIRTH, {"timing_ack": ["late"]}),
                          inferred(warn("late_fee_ask_staff",
                                        "Lệ phí khai sinh không đúng hạn do tỉnh quy định: hỏi cán bộ.",
                                        "The late birth registration fee is set by the province: "
                                        "ask the staff.", {"timing_ack": ["late"], "exempt_ack": ["no"]})),
                          warn("parties_present",
                               "Người nhận con và các bên liên quan phải cùng có mặt (Luật Hộ tịch "
                               "Điều 25).",
                               "The acknowledging parent and the other parties must all be present "
                               "(Civil Status Law Art. 25).")]),
        outcome("out_abandoned", "Đăng ký khai sinh cho trẻ bị bỏ rơi",
                "Birth registration of an abandoned child", [ks],
                [doc(ks, "to_khai_dang_ky_khai_sinh"), doc(ks, "bien_ban_tre_bi_bo_roi"),
                 doc(ks, "van_ban_uy_quyen"), doc(ks, "giay_to_tuy_than")], [],
                warnings=[inferred(warn("fee_ask_staff", "Lệ phí trong trường hợp này: hỏi cán bộ.",
                                        "The fee in this case: ask the staff."))]),
        copy_outcome("out_copy"),
        outcome("out_again", "Đăng ký lại khai sinh", "Re-registration of a birth", [again],
                [doc(again, "to_khai_dang_ky_lai_khai_sinh"), doc(again, "ban_sao_giay_khai_sinh_cu"),
                 doc(again, "van_ban_uy_quyen"), doc(again, "giay_to_tuy_than")],
                [fee(again, "le_phi_dang_ky_lai", None, PROVINCE_RATE)],
                warnings=[warn("only_if_register_lost",
                               "Chỉ đăng ký lại khi sổ hộ tịch và dữ liệu đã bị mất; còn sổ thì xin "
                               "bản sao trích lục.",
                               "Only when the register and its data were lost; if the register "
                               "still exists, ask for a copy of the extract instead.")]),
    ]
    return {
        "code": "khai_sinh",
        "title": t("Trả lời vài câu hỏi về việc khai sinh", "A few questions about registering a birth"),
        "life_events": ["birth"],
        "procedures": [ks, ack, again],
        "start": "need",
        "nodes": nodes,
        "sources": [
            "shared/data procedures.json 1.001193: documents (Giấy chứng sinh and what replaces it), "
            "fees (on time free, late set by the province, Art. 11 exemptions), 60-day deadline",
            "shared/data procedures.json 1.000689: documents, fees, parties present (Art. 25)",
            "shared/data procedures.json 2.000635 remarks: copy from the register, else "
            "re-registration (1.004884)",
        ],
        "remarks": "Which father fields an unnamed father leaves empty is not in the sources.",
    }


def death_guide():
    kt, xoa, again, burial = "1.000656", "1.003197", "1.005461", "1.001731"
    paper = {
        "hospital": ("Giấy báo tử của cơ sở y tế", "The health facility's death notice"),
        "court": ("Bản án, quyết định tuyên bố chết của Tòa án",
                  "The court's judgment or decision declaring the death"),
        "police": ("Văn bản xác nhận của Công an (chết do tai nạn, không rõ nguyên nhân)",
                   "The police's written confirmation (accident, unknown cause)"),
    }
    death_docs = [doc(kt, "to_khai_dang_ky_khai_tu"),
                  *[doc(kt, "giay_bao_tu", {"paper": [k]}, name=v) for k, v in paper.items()],
                  doc(kt, "van_ban_uy_quyen"), doc(kt, "giay_to_tuy_than")]
    death_fees = [fee(kt, "le_phi_khai_tu_dung_han", 0,
                      ("Miễn: đăng ký đúng hạn.", "Free: registered on time."),
                      {"timing": ["on_time"]}),
                  *fee_after_exemption(kt, "le_phi_khai_tu_qua_han", "exempt")]
    late = warn("late_death_registration",
                "Đã quá hạn 15 ngày kể từ ngày chết (Luật Hộ tịch Điều 33): đây là đăng ký khai tử "
                "không đúng hạn.",
                "More than 15 days since the death (Civil Status Law Art. 33): this is a late death "
                "registration.", {"timing": ["late"]})
    nodes = [
        question("need", "Ông/Bà cần làm gì?", "What do you need?", [
            ("new", "Khai tử cho người đã mất", "Register a death", "paper"),
            ("copy", "Xin thêm bản sao trích lục khai tử", "Another copy of a death extract",
             "out_copy"),
            ("lost", "Sổ hộ tịch nơi đã khai tử bị mất: đăng ký lại",
             "The register the death was recorded in was lost: register again", "out_again"),
            ("burial", "Hỗ trợ chi phí mai táng cho người hưởng bảo trợ xã hội",
             "Funeral allowance for a social-assistance beneficiary", "out_burial"),
        ]),
        question("paper", "Giấy tờ nào xác nhận việc chết?", "Which paper confirms the death?", [
            ("hospital", *paper["hospital"], "timing"),
            ("court", *paper["court"], "timing"),
            ("police", *paper["police"], "timing"),
            ("none", "Chưa có giấy nào", "None yet", "exit_no_paper"),
        ]),
        timing_question("timing", "resident", "exempt", 15, "Người mất đã mất",
                        "Did the person die"),
        exempt_question("exempt", "resident"),
        question("resident", "Người mất có đăng ký thường trú không?",
                 "Was the person registered as a permanent resident?", [
                     ("yes", "Có", "Yes", "out_death_resident"),
                     ("no", "Không", "No", "out_death"),
                 ]),
        outcome("out_death", "Đăng ký khai tử", "Death registration", [kt], death_docs, death_fees,
                warnings=[late]),
        outcome("out_death_resident", "Đăng ký khai tử và xóa đăng ký thường trú",
                "Death registration and residence deregistration", [kt, xoa],
                [*death_docs, doc(xoa, "to_khai_ct01"), doc(xoa, "giay_to_truong_hop_xoa")],
                [*death_fees, fee(xoa, "le_phi_xoa_thuong_tru", 0,
                                  ("Không thu lệ phí.", "No fee."))],
                warnings=[late, warn("deregister_within_7_days",
                                     "Hộ gia đình phải nộp hồ sơ xóa đăng ký thường trú trong 07 ngày "
                                     "kể từ ngày có người thuộc diện xóa.",
                                     "The household must file the deregistration within 7 days.")]),
        inferred(exit_page("exit_no_paper", "Cần có Giấy báo tử hoặc giấy tờ thay thế trước khi "
                           "khai tử (Luật Hộ tịch Điều 34).",
                           "The death notice, or a paper that replaces it, is needed before the "
                           "death can be registered (Civil Status Law Art. 34).",
                           ("Hỏi cán bộ Bộ phận Một cửa nơi nào cấp giấy này trong trường hợp của "
                            "Ông/Bà.",
                            "Ask the staff at the one-stop desk which office issues it in your "
                            "case."),
                           [ID_DOC])),
        copy_outcome("out_copy"),
        outcome("out_again", "Đăng ký lại khai tử", "Re-registration of a death", [again],
                [doc(again, "to_khai_dang_ky_lai_khai_tu"), doc(again, "ban_sao_giay_chung_tu_cu"),
                 doc(again, "van_ban_uy_quyen"), doc(again, "giay_to_tuy_than")],
                [fee(again, "le_phi_dang_ky_lai", None, PROVINCE_RATE)]),
        inferred(outcome("out_burial", "Hỗ trợ chi phí mai táng", "Funeral allowance", [burial],
                         [doc(burial, "to_khai_mau_04"), doc(burial, "ban_sao_giay_chung_tu"),
                          doc(burial, "quyet_dinh_thoi_huong")],
                         [fee(burial, "khong_thu_phi", 0, ("Không thu phí.", "No fee."))])),
    ]
    return {
        "code": "khai_tu",
        "title": t("Trả lời vài câu hỏi về việc khai tử", "A few questions about registering a death"),
        "life_events": ["death"],
        "procedures": [kt, xoa, again],
        "start": "need",
        "nodes": nodes,
        "sources": [
            "shared/data procedures.json 1.000656: documents (death notice or its replacements), "
            "fees, 15-day deadline",
            "shared/data procedures.json 1.003197: documents, no fee, household files within 7 days",
        ],
        "remarks": "Where a missing death notice is obtained is not in the sources; the funeral "
                   "allowance procedure (1.001731) is itself of inferred confidence.",
    }


def marriage_guide():
    kh, status, again, foreign = "1.000894", "1.004873", "1.004746", "2.000806"
    nodes = [
        question("need", "Ông/Bà cần làm gì?", "What do you need?", [
            ("register", "Đăng ký kết hôn", "Register a marriage", "foreign"),
            ("status", "Xin Giấy xác nhận tình trạng hôn nhân (giấy độc thân)",
             "A certificate of marital status (single status)", "ms_before"),
            ("copy", "Xin thêm bản sao trích lục kết hôn", "Another copy of a marriage extract",
             "out_copy"),
            ("lost", "Sổ hộ tịch nơi đã đăng ký kết hôn bị mất: đăng ký lại",
             "The register the marriage was recorded in was lost: register again", "out_again"),
        ]),
        question("foreign", "Cả hai người đều là công dân Việt Nam cư trú trong nước?",
                 "Are you both Vietnamese citizens living in Vietnam?", [
                     ("yes", "Đúng", "Yes", "residence"),
                     ("no", "Không (có người nước ngoài hoặc ở nước ngoài)",
                      "No (a foreigner, or living abroad)", "out_marriage_foreign"),
                 ]),
        question("residence", "Ai trong hai người thường trú tại xã, phường này?",
                 "Which of you has permanent residence in this commune or ward?", [
                     ("both", "Cả hai", "Both of us", "before"),
                     ("one", "Chỉ một người", "Only one of us", "before"),
                     ("neither", "Không ai", "Neither of us", "before"),
                 ]),
        question("before", "Có ai trong hai người đã từng kết hôn?",
                 "Has either of you been married before?", [
                     ("yes", "Có", "Yes", "out_marriage"),
                     ("no", "Không", "No", "out_marriage"),
                 ]),
        outcome("out_marriage", "Đăng ký kết hôn", "Marriage registration", [kh],
                [doc(kh, "to_khai_dang_ky_ket_hon"),
                 doc(kh, "giay_xac_nhan_tinh_trang_hon_nhan", {"residence": ["one", "neither"]},
                     note=("Của người không thường trú tại xã, phường này; có giá trị 06 tháng kể từ "
                           "ngày cấp.",
                           "For each of you not resident in this commune or ward; valid 6 months "
                           "from issue.")),
                 doc(kh, "giay_to_ly_hon_hoac_chung_tu", {"before": ["yes"]}),
                 doc(kh, "van_ban_uy_quyen"), doc(kh, "giay_to_tuy_than")],
                [fee(kh, "le_phi_ket_hon", 0, ("Miễn (Luật Hộ tịch Điều 11).",
                                               "Free (Civil Status Law Art. 11)."))],
                warnings=[warn("both_present", "Hai bên nam, nữ phải cùng có mặt khi đăng ký.",
                               "Both of you must be present."),
                          warn("marriage_age", "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi (Luật Hôn nhân "
                               "và gia đình Điều 8).",
                               "The man must be at least 20 and the woman at least 18 (Marriage and "
                               "Family Law Art. 8).")]),
        # Civil Status Law Art. 38: the papers of a marriage with a foreign element
        # (extra_procedures.json 2.000806); its fee and the office are not sourced.
        outcome("out_marriage_foreign", "Đăng ký kết hôn có yếu tố nước ngoài",
                "Marriage registration with a foreign element", [foreign],
                [doc(foreign, "to_khai_dang_ky_ket_hon"), doc(foreign, "giay_xac_nhan_y_te"),
                 doc(foreign, "giay_to_tinh_trang_hon_nhan"), doc(foreign, "ban_sao_ho_chieu"),
                 doc(foreign, "giay_to_tuy_than")],
                [inferred(fee(foreign, "le_phi_ket_hon", None, PROVINCE_RATE))]),
        question("ms_before", "Ông/Bà đã từng kết hôn chưa?", "Have you been married before?", [
            ("yes", "Đã từng (đã ly hôn hoặc vợ/chồng đã mất)", "Yes (divorced or widowed)",
             "ms_again"),
            ("no", "Chưa", "No", "ms_again"),
        ]),
        question("ms_again", "Ông/Bà đã được cấp giấy này trước đây (đã hết hạn 06 tháng hoặc dùng vào "
                 "mục đích khác)?",
                 "Were you given this certificate before (expired after 6 months, or for another "
                 "purpose)?", [
                     ("yes", "Có", "Yes", "ms_exempt"),
                     ("no", "Không", "No", "ms_exempt"),
                 ]),
        exempt_question("ms_exempt", "out_status"),
        outcome("out_status", "Cấp Giấy xác nhận tình trạng hôn nhân",
                "Certificate of marital status", [status],
                [doc(status, "to_khai_xac_nhan_tinh_trang_hon_nhan"),
                 doc(status, "giay_to_ly_hon", {"ms_before": ["yes"]}),
                 doc(status, "giay_xac_nhan_cu_cap_lai", {"ms_again": ["yes"]}),
                 doc(status, "van_ban_uy_quyen"), doc(status, "giay_to_tuy_than")],
                fee_after_exemption(status, "le_phi_xac_nhan_tinh_trang_hon_nhan", "ms_exempt"),
                warnings=[inferred(warn("valid_6_months", "Giấy có giá trị 06 tháng kể từ ngày cấp.",
                                        "The certificate is valid for 6 months from issue."))]),
        copy_outcome("out_copy"),
        outcome("out_again", "Đăng ký lại kết hôn", "Re-registration of a marriage", [again],
                [doc(again, "to_khai_dang_ky_lai_ket_hon"),
                 doc(again, "ban_sao_giay_chung_nhan_ket_hon_cu"), doc(again, "van_ban_uy_quyen"),
                 doc(again, "giay_to_tuy_than")],
                [fee(again, "le_phi_dang_ky_lai", None, PROVINCE_RATE)]),
    ]
    return {
        "code": "ket_hon",
        "title": t("Trả lời vài câu hỏi về kết hôn", "A few questions about marriage"),
        "life_events": ["marriage"],
        "procedures": [kh, status, again],
        "start": "need",
        "nodes": nodes,
        "sources": [
            "shared/data procedures.json 1.000894: documents and their only-when notes, free, both "
            "present, ages (Luật HN&GĐ Art. 8), foreign element is 2.000806",
            "shared/data procedures.json 1.004873: documents and their only-when notes, fee",
        ],
        "remarks": "Where a foreign-element marriage is filed is not in the sources.",
    }


def residence_guide():
    tt, tam, ext, xoa, vang, tach = ("1.004222", "1.004194", "1.002755", "1.003197", "1.003677",
                                     "1.010038")
    exempt75 = ("Miễn cho các đối tượng tại Điều 4 Thông tư 75/2022/TT-BTC: hỏi cán bộ.",
                "Free for the groups in Art. 4 of Circular 75/2022/TT-BTC: ask the staff.")

    def police_fees(p, direct, online, amounts, exempt_q):
        """Direct and online rates; exemption groups not read in full, so inferred."""
        out = []
        for code, amount, how in ((direct, amounts[0], ("nộp trực tiếp", "filed in person")),
                                  (online, amounts[1], ("nộp trực tuyến", "filed online"))):
            out.append(fee(p, code, amount, (f"{amount:,} đồng/lần, {how[0]}.".replace(",", "."),
                                             f"{amount:,} dong, {how[1]}."), {exempt_q: ["no"]}))
            out.append(inferred(fee(p, code, 0, exempt75, {exempt_q: ["yes"]})))
        return out

    def exempt75_question(code, nxt):
        return question(code, "Người đăng ký có thuộc diện được miễn lệ phí (người có công, hộ nghèo, "
                        "trẻ em, người cao tuổi, người khuyết tật…)?",
                        "Is the person exempt from the fee (people with merit, poor households, "
                        "children, the elderly, people with disabilities…)?",
                        [("yes", "Có", "Yes", nxt), ("no", "Không", "No", nxt)])

    nodes = [
        question("need", "Ông/Bà cần làm gì về cư trú?", "What do you need about residence?", [
            ("permanent", "Đăng ký thường trú (nhập hộ khẩu)", "Register permanent residence",
             "home"),
            ("temporary", "Đăng ký tạm trú", "Register temporary residence", "exempt_tmp"),
            ("extend", "Gia hạn tạm trú", "Extend temporary residence", "exempt_ext"),
            ("remove", "Xóa đăng ký thường trú", "Deregister permanent residence", "out_remove"),
            ("absence", "Khai báo tạm vắng", "Declare a temporary absence", "out_absence"),
            ("confirm", "Xác nhận thông tin về cư trú", "A confirmation of residence details",
             "out_confirm"),
            ("split", "Tách hộ", "Split a household", "exempt_split"),
        ]),
        question("home", "Ông/Bà đăng ký thường trú vào chỗ ở nào?",
                 "Which home do you register at?", [
                     ("own", "Nhà của mình", "My own home", "exempt_perm"),
                     ("relative", "Nhà của người thân (nhập vào hộ người thân)",
                      "A relative's home (joining their household)", "exempt_perm"),
                     ("rented", "Nhà thuê, mượn hoặc ở nhờ", "A rented or borrowed home",
                      "exempt_perm"),
                 ]),
        exempt75_question("exempt_perm", "out_permanent"),
        exempt75_question("exempt_tmp", "out_temporary"),
        exempt75_question("exempt_ext", "out_extend"),
        exempt75_question("exempt_split", "out_split"),
        outcome("out_permanent", "Đăng ký thường trú", "Permanent residence registration", [tt],
                [doc(tt, "to_khai_ct01"),
                 doc(tt, "giay_to_cho_o_hop_phap", {"home": ["own"]}),
                 doc(tt, "y_kien_dong_y_chu_ho", {"home": ["relative", "rented"]}),
                 doc(tt, "giay_to_quan_he_nhan_than", {"home": ["relative"]}),
                 doc(tt, "hop_dong_thue_muon_o_nho", {"home": ["rented"]})],
                police_fees(tt, "le_phi_thuong_tru_truc_tiep", "le_phi_thuong_tru_truc_tuyen",
                            (20000, 10000), "exempt_perm")),
        outcome("out_temporary", "Đăng ký tạm trú", "Temporary residence registration", [tam],
                [doc(tam, "to_khai_ct01"), doc(tam, "giay_to_cho_o_hop_phap")],
                police_fees(tam, "le_phi_tam_tru_truc_tiep", "le_phi_tam_tru_truc_tuyen",
                            (15000, 7000), "exempt_tmp")),
        outcome("out_extend", "Gia hạn tạm trú", "Extension of temporary residence", [ext],
                [doc(ext, "to_khai_ct01"), doc(ext, "giay_to_cho_o_hop_phap")],
                police_fees(ext, "le_phi_gia_han_truc_tiep", "le_phi_gia_han_truc_tuyen",
                            (15000, 7000), "exempt_ext")),
        outcome("out_split", "Tách hộ", "Splitting a household", [tach],
                [doc(tach, "to_khai_ct01"), doc(tach, "giay_to_ly_hon_cho_o")],
                police_fees(tach, "le_phi_tach_ho_truc_tiep", "le_phi_tach_ho_truc_tuyen",
                            (10000, 5000), "exempt_split")),
        outcome("out_remove", "Xóa đăng ký thường trú", "Deregistration of permanent residence",
                [xoa], [doc(xoa, "to_khai_ct01"), doc(xoa, "giay_to_truong_hop_xoa")],
                [fee(xoa, "le_phi_xoa_thuong_tru", 0, ("Không thu lệ phí.", "No fee."))],
                warnings=[warn("deregister_within_7_days",
                               "Hộ gia đình phải nộp hồ sơ trong 07 ngày kể từ ngày có người thuộc "
                               "diện xóa.", "The household must file within 7 days.")]),
        outcome("out_absence", "Khai báo tạm vắng", "Declaration of temporary absence", [vang],
                [doc(vang, "de_nghi_khai_bao_tam_vang"), doc(vang, "van_ban_dong_y_co_quan_quan_ly")],
                [fee(vang, "le_phi_tam_vang", 0, ("Không thu.", "No fee."))]),
        residence_confirm_outcome("out_confirm"),
    ]
    return {
        "code": "cu_tru",
        "title": t("Trả lời vài câu hỏi về cư trú", "A few questions about residence"),
        "life_events": ["moving_house"],
        "procedures": [tt, tam, ext, xoa],
        "start": "need",
        "nodes": nodes,
        "sources": [
            "shared/data procedures.json 1.004222, 1.004194, 1.002755, 1.003197, 1.003677, "
            "1.010041, 1.010038: documents and their only-when notes, fees (TT 75/2022)",
        ],
        "remarks": "The exemption list of TT 75/2022 Art. 4 was not read in full, so every "
                   "exempted amount is inferred.",
    }


def certification_guide():
    bs, ck = "2.000815", "2.000884"

    def per_copy(pages):
        return min(pages, 2) * 2000 + max(pages - 2, 0) * 1000

    page_options = [(f"p{n}", f"{n} trang", f"{n} page" + ("s" if n > 1 else ""), "out_copy_cert")
                    for n in range(1, 6)]
    page_options.append(("p6_or_more", "6 trang trở lên", "6 pages or more", "out_copy_cert"))
    page_fees = [fee(bs, "phi_chung_thuc_ban_sao", per_copy(n),
                     (f"{per_copy(n):,} đồng mỗi bản sao ({n} trang).".replace(",", "."),
                      f"{per_copy(n):,} dong per copy ({n} pages)."), {"pages": [f"p{n}"]})
                 for n in range(1, 6)]
    page_fees.append(fee(bs, "phi_chung_thuc_ban_sao", None,
                         ("2.000 đồng/trang cho trang 1–2, từ trang thứ ba 1.000 đồng/trang, tối đa "
                          "200.000 đồng mỗi bản sao: cán bộ tính theo số trang bản chính.",
                          "2,000 dong a page for pages 1–2, 1,000 dong a page from the third, at "
                          "most 200,000 dong a copy: the staff count the original's pages."),
                         {"pages": ["p6_or_more"]}))
    nodes = [
        question("need", "Ông/Bà cần chứng thực gì?", "What do you need certified?", [
            ("copy", "Chứng thực bản sao từ bản chính (sao y)", "A copy of an original (certified copy)",
             "issuer"),
            ("signature", "Chứng thực chữ ký", "A signature", "out_signature"),
            ("extract", "Bản sao trích lục khai sinh, kết hôn, khai tử",
             "A copy of a birth, marriage or death extract", "out_extract"),
            ("residence", "Xác nhận thông tin về cư trú", "A confirmation of residence details",
             "out_residence"),
        ]),
        question("issuer", "Bản chính do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận?",
                 "Was the original issued or certified by a Vietnamese authority?", [
                     ("vietnam", "Đúng", "Yes", "intact"),
                     ("foreign", "Không, giấy tờ nước ngoài", "No, a foreign paper", "exit_foreign"),
                 ]),
        question("intact", "Bản chính có bị tẩy xóa, sửa chữa, rách nát hoặc đóng dấu mật không?",
                 "Is the original erased, altered, torn or stamped confidential?", [
                     ("intact", "Không, còn nguyên vẹn", "No, it is intact", "pages"),
                     ("damaged", "Có", "Yes", "exit_damaged"),
                 ]),
        question("pages", "Bản chính có bao nhiêu trang?", "How many pages does the original have?",
                 page_options),
        outcome("out_copy_cert", "Chứng thực bản sao từ bản chính", "Certified copy of an original",
                [bs], [doc(bs, "ban_chinh_giay_to"), doc(bs, "ban_sao_can_chung_thuc")], page_fees),
        outcome("out_signature", "Chứng thực chữ ký", "Certification of a signature", [ck],
                [doc(ck, "giay_to_tuy_than_nguoi_ky"), doc(ck, "giay_to_se_ky")],
                [fee(ck, "phi_chung_thuc_chu_ky", 10000,
                     ("10.000 đồng mỗi trường hợp.", "10,000 dong per case."))]),
        copy_outcome("out_extract"),
        residence_confirm_outcome("out_residence"),
        inferred(exit_page("exit_foreign", "Giấy tờ nước ngoài phải được hợp pháp hóa lãnh sự (trừ "
                           "trường hợp được miễn); ki-ốt này chỉ nhận bản sao giấy tờ của Việt Nam.",
                           "A foreign paper must be consularly legalised (unless exempt); this kiosk "
                           "takes copies of Vietnamese papers only.",
                           ("Hỏi cán bộ Bộ phận Một cửa nơi chứng thực giấy tờ này.",
                            "Ask the staff at the one-stop desk where this paper is certified."),
                           [("Bản chính giấy tờ đã hợp pháp hóa lãnh sự",
                             "The legalised original")])),
        inferred(exit_page("exit_damaged", "Bản chính bị tẩy xóa, sửa chữa, rách nát hoặc đóng dấu "
                           "mật thì không được chứng thực bản sao (Nghị định 23/2015/NĐ-CP Điều 22).",
                           "An original that is erased, altered, torn or stamped confidential cannot "
                           "be copied and certified (Decree 23/2015 Art. 22).",
                           ("Hỏi cán bộ Bộ phận Một cửa cách xin lại bản chính.",
                            "Ask the staff at the one-stop desk how to get a new original."),
                           [ID_DOC])),
    ]
    return {
        "code": "chung_thuc",
        "title": t("Trả lời vài câu hỏi về chứng thực, sao y", "A few questions about certified copies"),
        "life_events": ["documents"],
        "procedures": [bs, ck],
        "start": "need",
        "nodes": nodes,
        "sources": [
            "shared/data procedures.json 2.000815: documents, fee per page (2,000 for pages 1-2, "
            "1,000 from page 3, cap 200,000), foreign papers legalised, papers that cannot be "
            "certified (NĐ 23 Art. 22)",
            "shared/data procedures.json 2.000884: documents, 10,000 dong per case",
        ],
        "remarks": "Where foreign or damaged papers are handled is not in the sources.",
    }


def _collect_inferred(value, pointer, out):
    """Removes the inferred marks and lists their JSON pointers."""
    if isinstance(value, dict):
        if value.pop(INFERRED, False):
            out.append(pointer)
        for k, v in value.items():
            _collect_inferred(v, f"{pointer}/{k}", out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _collect_inferred(v, f"{pointer}/{i}", out)


def guides():
    """The catalogue's "guides", with provenance; each node list in the order written."""
    out = []
    for i, g in enumerate([birth_guide(), death_guide(), marriage_guide(), residence_guide(),
                           certification_guide()]):
        inferred_ptrs = []
        _collect_inferred(g["nodes"], f"/guides/{i}/nodes", inferred_ptrs)
        out.append({
            "code": g["code"], "title": g["title"], "life_events": g["life_events"],
            "procedures": g["procedures"], "start": g["start"], "nodes": g["nodes"],
            "provenance": {"confidence": "inferred" if inferred_ptrs else "sourced",
                           "sources": g["sources"], "remarks": g["remarks"],
                           "inferred": inferred_ptrs},
        })
    return out
