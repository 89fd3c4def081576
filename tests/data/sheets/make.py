#!/usr/bin/python3
"""Writes the spreadsheet fixtures beside it, byte for byte as Excel and LibreOffice save
them: Excel's "CSV" (Windows-1252, CRLF, rows of commas below the table), "CSV UTF-8" (a
byte-order mark), "Unicode Text" (UTF-16LE with a byte-order mark, tabs), LibreOffice's
"Text CSV" with semicolons, and files that are no CSV at all. Run it again after a change;
test_sheets.py reads what it wrote."""

import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def put(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def crlf(rows):
    return "".join(line + "\r\n" for line in rows)


# Excel on Windows, File > Save As > "CSV (Comma delimited)": the code page, not UTF-8; the
# curly apostrophe, the pound sign, the euro and the en dash are its bytes 0x92, 0xA3, 0x80
# and 0x96. A table once wider leaves rows of commas below it.
put("excel-windows-1252.csv", crlf([
    "First name,Surname,Post code,Notes",
    "Zoë,O’Brien,E1 6AN,Gave £5 – and €3",
    "José,Núñez,,Café on Fridays",
    "Siân,Müller,N1 9GU,",
    ",,,",
    ",,,",
]).encode("cp1252"))

# Excel, "CSV UTF-8 (Comma delimited)": a byte-order mark, CRLF, the rows of commas.
put("excel-utf8-trailing-commas.csv", ("\ufeff" + crlf([
    "First name,Surname,Postcode,Consent,DOB",
    "Amina,Yusuf,E1 6AN,Yes,03/04/1980",
    "Kemi,Adebayo,,No,1975",
    ",,,,",
    ",,,,",
    ",,,,",
])).encode("utf-8"))

# Excel, "Unicode Text (*.txt)": UTF-16 little-endian with a byte-order mark, tabs between
# fields, a field holding a quote quoted as in CSV.
put("excel-unicode-text.txt", ("\ufeff" + crlf([
    "First name\tSurname\tLanguages\tNotes",
    "李\t伟\tMandarin, English\t",
    "ليلى\tحسن\tArabic\t\"Says \"\"hello\"\" first\"",
    "Ólafur\tÞórsson\tIcelandic\tlikes 🎻",
])).encode("utf-16-le"))

# LibreOffice (and Excel where the decimal mark is a comma), "Text CSV" with semicolons:
# UTF-8 without a mark, LF, a comma inside a field needing no quotes.
put("libreoffice-semicolons.csv", "\n".join([
    "Given name;Family name;Postcode;What matters to me",
    "Amélie;Dubois;E2 7DG;gardening, cooking",
    "Jürgen;Weiß;;chess",
    "",
]).encode("utf-8"))

# Values spreadsheets hold that forms would put otherwise: yes/no answers, years and dates
# written out, a date with its time.
put("excel-values.csv", crlf([
    "First name,Surname,Consent,Year of birth,Consent date",
    "Ann,Yes,Yes,1980,5 March 2026",
    "Bea,Y,Y,05/03/1981,05/03/2026",
    "Cal,True,TRUE,1982,2026-03-05 00:00:00",
    "Dee,No,No,1983,Thursday 5 March 2026",
    'Eve,N,n,,"March 5, 2026"',
    "Fay,False,FALSE,1984,5-Mar-2026",
]).encode("utf-8"))

# A line with several problems, and one with one.
put("many-problems.csv", crlf([
    "First name,Surname,Postcode,Email,Consent,Year of birth",
    ",Nobody,XYZ,not-an-email,perhaps,1800",
    "Good,Person,E1 6AN,good@example.org,yes,1990",
    "Bad,Postcode,QQQ,,,",
]).encode("utf-8"))


def workbook(name, files):
    with zipfile.ZipFile(os.path.join(HERE, name), "w") as z:
        for inner, text in files:
            info = zipfile.ZipInfo(inner, date_time=(2026, 3, 5, 0, 0, 0))
            z.writestr(info, text)


# Workbooks saved as they are, not as CSV: only their first bytes matter.
workbook("saved-as-workbook.xlsx", [("[Content_Types].xml", "<Types/>"),
                                    ("xl/workbook.xml", "<workbook/>")])
workbook("saved-as-workbook.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                                   ("content.xml", "<office:document-content/>")])
