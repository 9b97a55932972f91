"""Write the sample articles that must not be UTF-8.

Run from anywhere: ``python tools/build_encoded.py``. The texts live here as Python strings so
that the bytes on disk are exactly the legacy encoding a real site would serve (Windows-1256 for
the Arabic page, Windows-1252 for the English one with curly quotes).
"""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "sample"

ERBIL_ARABIC = """\
صحيفة الرافدين اليوم
الرئيسية | سياسة | أمن | اقتصاد | رياضة | اتصل بنا

مقتل متعاقد أجنبي بهجوم صاروخي على مطار أربيل

الثلاثاء 16 شباط 2021

أربيل - قُتل متعاقد مدني أجنبي وأصيب تسعة أشخاص آخرون، بينهم جندي أمريكي، مساء الاثنين جراء سقوط صواريخ على قاعدة للتحالف الدولي في مطار أربيل الدولي، بحسب ما أعلن التحالف.

وقال المتحدث باسم التحالف الدولي إن أربعة عشر صاروخاً أُطلقت باتجاه المطار، سقط ثلاثة منها داخل القاعدة.

وسقطت صواريخ أخرى على أحياء سكنية قريبة من المطار، ما أدى إلى إصابة عدد من المدنيين وإلحاق أضرار بمنازل وسيارات.

وتبنّت جماعة غير معروفة تطلق على نفسها اسم «سرايا أولياء الدم» الهجوم في بيان نشرته قنوات على تطبيق تلغرام.

ودانت حكومة إقليم كردستان الهجوم ووصفته بأنه «عمل إرهابي»، فيما أمر رئيس الوزراء مصطفى الكاظمي بفتح تحقيق عاجل لكشف الجهة المسؤولة.

ويتوقع مراقبون أن يزيد الهجوم من الضغوط على الحكومة العراقية للحد من نفوذ الفصائل المسلحة خلال الأشهر المقبلة.

جميع الحقوق محفوظة لصحيفة الرافدين اليوم © 2021
"""

ABU_KAMAL_1252 = """\
THE FRONTIER BRIEFING
Analysis \u2022 Security \u2022 Energy \u2022 Podcasts

Biden\u2019s first strike: US bombs militia sites on Syria\u2013Iraq border

26 February 2021

WASHINGTON \u2013 US aircraft struck buildings used by Iran-backed militias at a border crossing in eastern Syria on Thursday, the Pentagon said, in President Joe Biden\u2019s first known use of military force.

The strikes destroyed \u201cmultiple facilities located at a border control point used by a number of Iran-backed militant groups, including Kata\u2019ib Hezbollah and Kata\u2019ib Sayyid al-Shuhada,\u201d Pentagon press secretary John Kirby said.

Two F-15E jets dropped seven precision-guided bombs on the site near Abu Kamal, on the Syrian side of the crossing with al-Qaim in Iraq, a defence official said.

A militia official in Iraq said one fighter was killed and several were wounded. The Syrian Observatory for Human Rights, a Britain-based war monitor, said at least 22 fighters were killed.

Mr Kirby said the operation was a response to the 15 February rocket attack on Erbil, which killed a civilian contractor and wounded a US service member, and to \u201congoing threats\u201d to American personnel.

Syria\u2019s foreign ministry condemned the strikes, and Russia said it had been given only four or five minutes\u2019 warning. Some Democratic lawmakers questioned whether the president needed authorisation from Congress.

Caf\u00e9 talk in Washington this week has turned to whether the strikes signal a tougher line on Iran ahead of talks on reviving the 2015 nuclear deal \u2013 a question the White House declined to address.

\u00a9 The Frontier Briefing 2021. Photo credits: US Air Force / file.
"""


def main() -> None:
    """Write both files with their legacy encodings."""
    (SAMPLE / "erbil-rockets-arabic-cp1256.txt").write_bytes(ERBIL_ARABIC.encode("cp1256"))
    (SAMPLE / "abu-kamal-strike-feb-2021-cp1252.txt").write_bytes(ABU_KAMAL_1252.encode("cp1252"))


if __name__ == "__main__":
    main()
