"""English for source texts that exist only in Vietnamese (fee names and notes, document
notes, legal citations). Keyed by the exact Vietnamese text after the converter has
removed bracketed source markers; a missing key stops the converter."""

FEE_NAME = {
    "Lệ phí đăng ký khai sinh đúng hạn": "Birth registration fee (on time)",
    "Lệ phí đăng ký khai sinh không đúng hạn (quá 60 ngày)":
        "Birth registration fee (late: after 60 days)",
    "Phí cấp bản sao Giấy khai sinh/trích lục (nếu yêu cầu thêm)":
        "Fee for extra copies of the birth certificate or extract (if requested)",
    "Lệ phí đăng ký khai sinh (đúng hạn)": "Birth registration fee (on time)",
    "Lệ phí đăng ký nhận cha, mẹ, con": "Fee for acknowledging a father, mother or child",
    "Lệ phí đăng ký kết hôn (công dân Việt Nam cư trú trong nước)":
        "Marriage registration fee (Vietnamese citizens living in Vietnam)",
    "Lệ phí đăng ký khai tử đúng hạn": "Death registration fee (on time)",
    "Lệ phí đăng ký khai tử không đúng hạn": "Death registration fee (late)",
    "Lệ phí thay đổi, cải chính, bổ sung hộ tịch":
        "Fee for changing, correcting or supplementing civil-status records",
    "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân": "Marital-status certificate fee",
    "Phí cấp bản sao trích lục hộ tịch": "Fee for a copy of a civil-status extract",
    "Lệ phí đăng ký lại": "Re-registration fee",
    "Lệ phí đăng ký giám hộ": "Guardianship registration fee",
    "Lệ phí đăng ký chấm dứt giám hộ": "Fee for registering the end of a guardianship",
    "Phí chứng thực bản sao từ bản chính": "Fee for certifying copies against the original",
    "Phí chứng thực chữ ký": "Signature certification fee",
    "Phí chứng thực hợp đồng, giao dịch": "Contract or transaction certification fee",
    "Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch":
        "Fee for certifying an amendment, addition or cancellation of a contract",
    "Phí sửa lỗi sai sót trong hợp đồng, giao dịch đã chứng thực":
        "Fee for correcting an error in a certified contract",
    "Miễn phí chứng thực hợp đồng thế chấp để vay vốn phát triển nông nghiệp, nông thôn":
        "No fee for certifying a mortgage for an agricultural or rural development loan",
    "Lệ phí đăng ký thường trú – nộp trực tiếp":
        "Permanent residence registration fee – filed in person",
    "Lệ phí đăng ký thường trú – nộp trực tuyến":
        "Permanent residence registration fee – filed online",
    "Lệ phí đăng ký tạm trú (cá nhân, hộ gia đình) – nộp trực tiếp":
        "Temporary residence registration fee (person or household) – filed in person",
    "Lệ phí đăng ký tạm trú (cá nhân, hộ gia đình) – nộp trực tuyến":
        "Temporary residence registration fee (person or household) – filed online",
    "Lệ phí gia hạn tạm trú – nộp trực tiếp":
        "Temporary residence extension fee – filed in person",
    "Lệ phí gia hạn tạm trú – nộp trực tuyến": "Temporary residence extension fee – filed online",
    "Lệ phí xóa đăng ký thường trú": "Permanent residence deregistration fee",
    "Lệ phí tách hộ – nộp trực tiếp": "Household split fee – filed in person",
    "Lệ phí tách hộ – nộp trực tuyến": "Household split fee – filed online",
    "Lệ phí khai báo tạm vắng": "Temporary absence declaration fee",
    "Lệ phí xác nhận thông tin về cư trú": "Residence confirmation fee",
    "Phí, lệ phí": "Fees",
    "Lệ phí đăng ký khai sinh": "Birth registration fee",
    "Lệ phí xóa đăng ký tạm trú": "Temporary residence deregistration fee",
    "Lệ phí thông báo lưu trú": "Fee for notifying a stay",
    "Lệ phí đăng ký khai sinh có yếu tố nước ngoài":
        "Birth registration fee (with a foreign element)",
    "Lệ phí đăng ký kết hôn có yếu tố nước ngoài":
        "Marriage registration fee (with a foreign element)",
    "Lệ phí ghi chú kết hôn": "Fee for recording a marriage registered abroad",
    "Phí cấp bản sao Trích lục ghi chú kết hôn (nếu yêu cầu thêm)":
        "Fee for extra copies of the extract recording the marriage (if requested)",
    "Phí chứng thực chữ ký người dịch": "Fee for certifying a translator's signature",
}

_COUNCIL = ("Mức thu do Hội đồng nhân dân cấp tỉnh quy định (khác nhau giữa các tỉnh). Miễn cho "
            "người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật "
            "(Luật Hộ tịch Điều 11).")
_RESIDENCE_EXEMPT = ("Miễn theo Điều 4 Thông tư 75/2022/TT-BTC (ví dụ: người có công và thân "
                     "nhân, hộ nghèo, trẻ em, người cao tuổi, người khuyết tật, đồng bào DTTS ở "
                     "xã đặc biệt khó khăn… — danh sách đầy đủ chưa đọc trực tiếp).")
_RESIDENCE_EXEMPT_EN = ("Exempt under Art. 4 of Circular 75/2022/TT-BTC (for example people "
                        "with merit and their relatives, poor households, children, the "
                        "elderly, people with disabilities, ethnic minorities in especially "
                        "disadvantaged communes… — the full list was not read first-hand).")

FEE_NOTE = {
    "Miễn (Luật Hộ tịch Điều 11 khoản 1 điểm b).":
        "Free (Law on Civil Status, Art. 11(1)(b)).",
    _COUNCIL:
        "Set by the provincial People's Council (differs between provinces). Free for "
        "families of people with merit, poor households and people with disabilities (Law on "
        "Civil Status, Art. 11).",
    "8.000 đồng/bản sao (Thông tư 281/2016/TT-BTC).":
        "8,000 đồng per copy (Circular 281/2016/TT-BTC).",
    "Miễn.": "Free.",
    "Miễn (Luật Hộ tịch Điều 11).": "Free (Law on Civil Status, Art. 11).",
    "8.000 đồng/bản sao trích lục/sự kiện hộ tịch đã đăng ký (Thông tư 281/2016/TT-BTC).":
        "8,000 đồng per copy of the extract for each registered event (Circular "
        "281/2016/TT-BTC).",
    "Miễn (Thông tư 85/2019/TT-BTC: miễn đăng ký giám hộ, chấm dứt giám hộ tại UBND cấp xã).":
        "Free (Circular 85/2019/TT-BTC: registering or ending a guardianship at the commune "
        "is free).",
    "2.000 đồng/trang cho trang 1–2; từ trang thứ ba trở lên 1.000 đồng/trang; tối đa "
    "200.000 đồng/bản. Trang tính theo trang của bản chính.":
        "2,000 đồng per page for pages 1–2; 1,000 đồng per page from the third page; at "
        "most 200,000 đồng per copy. Pages are counted on the original.",
    "10.000 đồng/trường hợp (một hoặc nhiều chữ ký trong cùng một giấy tờ, văn bản).":
        "10,000 đồng per case (one or more signatures on the same paper).",
    "50.000 đồng/hợp đồng, giao dịch.": "50,000 đồng per contract or transaction.",
    "30.000 đồng/hợp đồng, giao dịch.": "30,000 đồng per contract or transaction.",
    "25.000 đồng/hợp đồng, giao dịch.": "25,000 đồng per contract or transaction.",
    "Theo Điều 5 Thông tư 226/2016/TT-BTC (Nghị định 55/2015/NĐ-CP).":
        "Under Art. 5 of Circular 226/2016/TT-BTC (Decree 55/2015/NĐ-CP).",
    "20.000 đồng/lần đăng ký. " + _RESIDENCE_EXEMPT:
        "20,000 đồng per registration. " + _RESIDENCE_EXEMPT_EN,
    "10.000 đồng/lần đăng ký.": "10,000 đồng per registration.",
    "15.000 đồng/lần. Theo danh sách: 10.000 đồng/người/lần. " + _RESIDENCE_EXEMPT:
        "15,000 đồng each time; for a list of people: 10,000 đồng per person each time. "
        + _RESIDENCE_EXEMPT_EN,
    "7.000 đồng/lần. Theo danh sách: 5.000 đồng/người/lần.":
        "7,000 đồng each time; for a list of people: 5,000 đồng per person each time.",
    "15.000 đồng/lần; theo danh sách 10.000 đồng/người/lần. " + _RESIDENCE_EXEMPT:
        "15,000 đồng each time; for a list of people: 10,000 đồng per person each time. "
        + _RESIDENCE_EXEMPT_EN,
    "7.000 đồng/lần; theo danh sách 5.000 đồng/người/lần.":
        "7,000 đồng each time; for a list of people: 5,000 đồng per person each time.",
    "Không thu lệ phí.": "No fee.",
    "10.000 đồng/lần. " + _RESIDENCE_EXEMPT: "10,000 đồng each time. " + _RESIDENCE_EXEMPT_EN,
    "5.000 đồng/lần.": "5,000 đồng each time.",
    "Không thu.": "No fee.",
    "Không thu (kinh phí do ngân sách nhà nước bảo đảm).":
        "No fee (paid for by the state budget).",
    "Không thu. Mức hỗ trợ (không phải phí): tối thiểu 20 lần mức chuẩn trợ giúp xã hội — "
    "500.000 đ/tháng từ 01/7/2024 (NĐ 76/2024) ⇒ ≥ 10.000.000 đ; một số nguồn nêu mức chuẩn "
    "540.000 đ từ 01/7/2026 theo NĐ 335/2026.":
        "No fee. The support itself (not a fee) is at least 20 times the social assistance "
        "standard — 500,000 đồng a month from 1 July 2024 (Decree 76/2024), so at least "
        "10,000,000 đồng; some sources give a standard of 540,000 đồng from 1 July 2026 under "
        "Decree 335/2026.",
    "Mức thu do Hội đồng nhân dân cấp tỉnh quyết định. Miễn cho người thuộc gia đình có công "
    "với cách mạng, người thuộc hộ nghèo, người khuyết tật.":
        "Set by the provincial People's Council. Free for families of people with merit, poor "
        "households and people with disabilities.",
    "10.000 đồng/trường hợp.": "10,000 đồng per case.",
}

DOCUMENT_NOTE = {
    "Nộp trực tuyến thì khai biểu mẫu điện tử thay cho tờ khai giấy.":
        "When filing online, the electronic form replaces the paper declaration.",
    "Không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận việc sinh; không có "
    "người làm chứng thì nộp giấy cam đoan về việc sinh.":
        "Without a hospital birth certificate, bring a witness's written statement of the "
        "birth; without a witness, a signed declaration about the birth.",
    "Do cơ quan có thẩm quyền lập.": "Drawn up by the competent authority.",
    "Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản.":
        "Written confirmation from the clinic that performed the assisted reproduction.",
    "Không cần chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, "
    "chị, em ruột (phải có giấy tờ chứng minh quan hệ).":
        "No certification needed if the authorised person is a grandparent, parent, child, "
        "spouse or sibling (bring proof of the relationship).",
    "Xuất trình, không nộp. Nộp qua bưu chính thì gửi bản sao có chứng thực.":
        "Show it; it is not kept. When filing by post, send a certified copy.",
    "Không có thì văn bản người làm chứng hoặc giấy cam đoan về việc sinh.":
        "Without one: a witness's written statement or a signed declaration about the birth.",
    "Văn bản của cơ quan y tế, cơ quan giám định (ví dụ kết quả ADN); nếu không có thì thư từ, "
    "phim ảnh, đồ vật… kèm văn bản cam đoan của cha, mẹ về việc trẻ là con chung và ít nhất "
    "hai người thân thích làm chứng.":
        "A paper from a health or forensic body (for example a DNA result); otherwise "
        "letters, photos, objects… with the parents' signed declaration that the child is "
        "theirs and at least two relatives as witnesses.",
    "Chỉ khi người yêu cầu không đăng ký thường trú tại xã/phường nơi đăng ký kết hôn; giấy có "
    "giá trị 06 tháng kể từ ngày cấp.":
        "Only if the person's permanent residence is not in the commune where they marry; "
        "valid for 6 months from issue.",
    "Trường hợp thông tin chưa có trong cơ sở dữ liệu.":
        "Only when the information is not yet in the database.",
    "Ví dụ: giấy báo tử của cơ sở y tế; bản án/quyết định tuyên bố chết của Tòa án; xác nhận "
    "của Công an (chết do tai nạn, không rõ nguyên nhân).":
        "For example: a death notice from a health facility; a court judgment or decision "
        "declaring the death; a police confirmation (accident or unknown cause).",
    "Văn bản của cơ quan y tế/giám định; hoặc thư từ, phim ảnh, đồ vật… kèm văn bản cam đoan "
    "và ít nhất hai người làm chứng.":
        "A paper from a health or forensic body; or letters, photos, objects… with a signed "
        "declaration and at least two witnesses.",
    "Ví dụ: giấy tờ cá nhân có thông tin đúng; quyết định cho nhận con nuôi… Bản sao hoặc bản "
    "chụp kèm bản chính để đối chiếu.":
        "For example: personal papers with the right details; an adoption decision… A copy, "
        "or a photocopy with the original for comparison.",
    "Chỉ khi người yêu cầu đã từng kết hôn. Ly hôn ở nước ngoài: nộp bản sao Trích lục ghi chú "
    "ly hôn.":
        "Only if the person was married before. Divorced abroad: a copy of the extract "
        "recording the divorce.",
    "Chỉ khi xin cấp lại để dùng vào mục đích khác hoặc khi giấy cũ đã hết hạn 06 tháng.":
        "Only when asking again for another purpose or after the old one's 6 months ran out.",
    "Ví dụ: hồ sơ học tập, hồ sơ cán bộ, sổ hộ khẩu cũ, giấy tờ tùy thân; người yêu cầu cam "
    "đoan đã nộp đủ.":
        "For example: school records, employment records, an old household book, ID papers; "
        "the person declares they have given all they have.",
    "Xuất trình để đối chiếu. Giấy tờ nước ngoài phải được hợp pháp hóa lãnh sự (trừ trường "
    "hợp được miễn).":
        "Show it for comparison. Foreign papers need consular legalisation (unless exempt).",
    "Nếu chỉ xuất trình bản chính thì cơ quan chụp từ bản chính (trừ khi không có phương tiện "
    "chụp). Số bản theo nhu cầu.":
        "If you bring only the original, the office makes the copies (unless it has no "
        "copier). As many copies as you need.",
    "Xuất trình.": "Show it.",
    "Người yêu cầu ký trước mặt người thực hiện chứng thực (không ký sẵn).":
        "Sign it in front of the certifying officer (do not sign beforehand).",
    "Nộp bản chính; số bản theo số bên tham gia và nhu cầu lưu (thực tế thường ≥ 3 bản).":
        "Bring originals; as many as there are parties plus the office's copy (in practice "
        "usually 3 or more).",
    "Nộp trực tuyến (Cổng DVCQG, Cổng DVC Bộ Công an, VNeID) thì khai biểu mẫu điện tử.":
        "When filing online (national portal, Ministry of Public Security portal, VNeID), "
        "fill in the electronic form.",
    "Không phải nộp nếu thông tin đã có trong cơ sở dữ liệu chuyên ngành được kết nối. Có thể "
    "nộp bản sao chứng thực, hoặc bản chụp kèm bản chính để đối chiếu.":
        "Not needed if the information is already in a connected database. A certified "
        "copy, or a photocopy with the original for comparison.",
    "Khi đăng ký vào chỗ ở không thuộc sở hữu của mình.":
        "When registering at a home you do not own.",
    "Trừ khi quan hệ đã có trong CSDL quốc gia về dân cư.":
        "Unless the relationship is already in the national population database.",
    "Văn bản cho thuê, cho mượn, cho ở nhờ không bắt buộc công chứng, chứng thực. Không phải "
    "nộp nếu thông tin đã có trong CSDL.":
        "A rental or loan agreement need not be notarised or certified. Not needed if the "
        "information is already in the database.",
    "Không phải nộp nếu thông tin đã có trong CSDL.":
        "Not needed if the information is already in the database.",
    "Không phải nộp nếu thông tin đã có trong CSDL chuyên ngành được kết nối.":
        "Not needed if the information is already in a connected database.",
    "Với người đang chấp hành án, bị quản lý, giáo dục… (điểm a, b khoản 1 Điều 31): kèm văn "
    "bản đồng ý của cơ quan giám sát, quản lý.":
        "For people serving a sentence or under supervision or education measures (Art. "
        "31(1)(a, b)): with the supervising authority's written consent.",
    "UBND xã thu hồi giấy cũ khi cấp lại/cấp đổi.":
        "The commune takes back the old certificate when it issues the new one.",
    "Của cơ quan, tổ chức, hộ gia đình hoặc cá nhân đứng ra tổ chức mai táng.":
        "From the body, household or person who organised the funeral.",
    "Chưa đọc trực tiếp mẫu.": "The form itself was not read first-hand.",
    # extra_procedures.json
    "Nộp trực tuyến thì khai biểu mẫu hộ tịch điện tử tương tác trên Cổng dịch vụ công thay "
    "cho tờ khai giấy.":
        "When filing online, the interactive electronic form on the public service portal "
        "replaces the paper declaration.",
    "Cam đoan không đúng sự thật thì kết quả đăng ký có thể bị hủy bỏ.":
        "If the statement is untrue, the registration can be cancelled.",
    "Nộp đủ bản sao các giấy tờ mình có và cam đoan đã nộp đủ.":
        "Hand in copies of every such paper you have and declare that you have handed in all.",
    "Xác nhận họ tên, giới tính, ngày sinh, dân tộc, quốc tịch, quê quán, quan hệ cha, mẹ, "
    "con phù hợp với hồ sơ cơ quan đang quản lý.":
        "It confirms the name, sex, date of birth, ethnicity, nationality, home town and "
        "parents as the unit's records show them.",
    "Không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, "
    "chị, em ruột của người ủy quyền.":
        "No certification needed if the authorised person is a grandparent, parent, child, "
        "spouse or sibling of the person authorising.",
    "Xuất trình khi nộp trực tiếp. Gửi qua bưu chính thì kèm bản sao có chứng thực các giấy "
    "tờ phải xuất trình.":
        "Show it when filing in person. By post, send certified copies of the papers to show.",
    "Phải có thỏa thuận bằng văn bản của các bên tham gia hợp đồng, giao dịch; các bên ký "
    "trước mặt người thực hiện chứng thực.":
        "The parties must agree in writing; they sign in front of the certifying officer.",
    "Xuất trình bản chính để đối chiếu.": "Show the original for comparison.",
    "Xuất trình. Người yêu cầu là một bên tham gia hợp đồng, giao dịch hoặc người có quyền, "
    "nghĩa vụ liên quan.":
        "Show it. The person asking is a party to the contract or has a right or duty under it.",
    "Mẫu theo nhóm đối tượng.": "The form depends on the group the person belongs to.",
    "Xuất trình để đối chiếu thông tin kê khai.":
        "Show it so the officer can check what the form says.",
    "Không phải nộp nếu cơ quan đăng ký cư trú đã khai thác được thông tin từ Cơ sở dữ liệu "
    "quốc gia về dân cư hoặc cơ sở dữ liệu chuyên ngành được kết nối (ví dụ: đã chết, bị "
    "tuyên bố mất tích hoặc chết, thôi hoặc bị tước quốc tịch).":
        "Not needed if the office can read it from the national population database or a "
        "connected database (for example a death, a court declaring someone missing or dead, "
        "loss of nationality).",
    "Người đến lưu trú xuất trình cho chủ hộ hoặc cơ sở lưu trú.":
        "The guest shows it to the host household or the lodging.",
    "Chọn quốc tịch nước ngoài cho con thì văn bản phải có xác nhận của cơ quan có thẩm quyền "
    "của nước mà người đó là công dân.":
        "If the parents choose a foreign nationality for the child, the agreement must be "
        "confirmed by the authority of the country whose citizen that parent is.",
    "Giấy tờ nước ngoài phải được hợp pháp hóa lãnh sự (trừ trường hợp được miễn).":
        "Foreign papers need consular legalisation (unless exempt).",
    "Người dịch là cộng tác viên xuất trình; người thực hiện chứng thực đối chiếu chữ ký trên "
    "bản dịch với chữ ký mẫu. Giấy tờ nước ngoài chưa hợp pháp hóa lãnh sự thì không được dịch "
    "để chứng thực (trừ hộ chiếu, thẻ căn cước, thẻ cư trú, giấy phép lái xe, bằng tốt nghiệp, "
    "chứng chỉ và bảng điểm kèm theo).":
        "The translator (a registered collaborator) shows them; the officer compares the "
        "signature on the translation with the specimen. A foreign paper that is not consularly "
        "legalised cannot be translated for certification (except passports, ID cards, "
        "residence cards, driving licences, diplomas, certificates and their transcripts).",
    "Trợ cấp một lần: đại diện thân nhân khai. Trợ cấp mai táng: cá nhân, tổ chức thực hiện "
    "mai táng khai. Trợ cấp tuất: thân nhân khai.":
        "Lump sum: the relatives' representative declares. Funeral allowance: the person or "
        "body that held the funeral declares. Survivor allowance: the relative declares.",
    "Học nghề, cao đẳng, đại học: thêm bản sao được chứng thực Bằng tốt nghiệp trung học phổ "
    "thông hoặc giấy xác nhận của trường trung học phổ thông về thời điểm kết thúc học.":
        "At a vocational school, college or university: also a certified copy of the upper "
        "secondary diploma, or the upper secondary school's confirmation of when studies ended.",
    "Chỉ khi liệt sĩ không còn thân nhân thuộc diện hưởng trợ cấp hằng tháng.":
        "Only when the fallen soldier has no relatives entitled to a monthly allowance.",
    "Của những người quy định tại điểm a, b khoản 5 Điều 28 Nghị định số 131/2021/NĐ-CP.":
        "From the people listed in Art. 28(5)(a, b) of Decree 131/2021/NĐ-CP.",
}

LEGAL = [
    ("Luật Hộ tịch số 60/2014/QH13", "Law on Civil Status No. 60/2014/QH13"),
    ("Luật Hôn nhân và gia đình 52/2014/QH13", "Law on Marriage and Family 52/2014/QH13"),
    ("Luật Cư trú số 68/2020/QH14", "Law on Residence No. 68/2020/QH14"),
    ("Luật Người khuyết tật 51/2010/QH12", "Law on Persons with Disabilities 51/2010/QH12"),
    ("Bộ luật Dân sự 91/2015/QH13", "Civil Code 91/2015/QH13"),
    ("Có thể đã được thay thế bởi", "Possibly replaced by"),
    ("Nghị định", "Decree"),
    ("Thông tư", "Circular"),
    ("Quyết định", "Decision"),
    ("sửa đổi bởi", "amended by"),
    ("biểu mẫu thay thế bởi", "forms replaced by"),
    ("lệ phí thuộc thẩm quyền HĐND tỉnh", "fees set by the provincial People's Council"),
    ("chứng cứ; kết hợp khai sinh và nhận cha, mẹ, con",
     "evidence; combined birth registration and acknowledgement"),
    ("phí chứng thực", "certification fees"),
    ("lệ phí đăng ký cư trú, hiệu lực 05/02/2023",
     "residence registration fees, in force 5 February 2023"),
    ("chuẩn nghèo đa chiều 2022–2025", "multidimensional poverty standard 2022–2025"),
    ("quy trình rà soát", "review procedure"),
    ("'Hỗ trợ chi phí mai táng'", "'Funeral-cost support'"),
    ("Điều", "Art."),
]


def legal_en(vi: str) -> str:
    """Citation in English: the document numbers stay, the words are translated."""
    out = vi
    for a, b in LEGAL:
        out = out.replace(a, b)
    return out
