#!/usr/bin/env bash
# What a person would otherwise do: time LibreOffice (Debian's libreoffice-writer-nogui)
# converting the same one-page letter as Heard's PDF benchmark from .docx to PDF.
# A benchmark script, not a test. Compare with: cargo bench -p heard-docs
#   bench/libreoffice.sh [runs, default 5]
set -euo pipefail
runs="${1:-5}"
command -v soffice >/dev/null || { echo "LibreOffice is needed: apt-get install libreoffice-writer-nogui"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The letter of crates/docs/benches/pdf.rs, as a minimal Word document.
python3 - "$work/letter.docx" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
paras = [
    ("right", "Sam Taylor"), ("right", "12 Station Road"), ("right", "Leeds LS1 4AB"), ("", ""),
    ("right", "24 November 2026"), ("", ""),
    ("", "Dr A Okafor"), ("", "Oncology Outpatients"), ("", "St Mary's Hospital"), ("", "Leeds LS2 9XX"), ("", ""),
    ("", "Hospital number: RX4 123 456"), ("", "NHS number: 485 777 3456"), ("", ""),
    ("bold", "Questions after my appointment on Thursday 3 December 2026"), ("", ""),
    ("", "Dear Dr Okafor,"),
    ("", "Thank you for seeing me on Thursday 3 December 2026. We ran out of time before I could ask all of my questions, so I am sending the rest here, as we agreed."),
    ("", "- What does stage 2 mean for my treatment?"), ("", "- How long will each round of treatment take?"),
    ("", "- Can I keep working while I am having treatment?"), ("", "- Who should I call if I feel unwell at night?"),
    ("", "I would be grateful for a reply by email or by phone. If it is easier to talk, I am happy to come in for a short appointment."),
    ("", "Thank you for your help."), ("", "Yours sincerely,"), ("", ""), ("", "Sam Taylor"),
]
def p(style, text):
    ppr = '<w:pPr><w:jc w:val="right"/></w:pPr>' if style == "right" else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if style == "bold" else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
body = "".join(p(s, t) for s, t in paras)
doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr("word/document.xml", doc)
PY
profile="$work/profile"
# One warm-up run creates LibreOffice's profile, as on a person's own computer.
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work" "$work/letter.docx" >/dev/null 2>&1
times=()
for _ in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work" "$work/letter.docx" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
test -s "$work/letter.pdf" || { echo "LibreOffice made no PDF"; exit 1; }
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "LibreOffice .docx -> PDF, one-page letter: median ${median} ms over ${runs} runs (each: ${times[*]} ms)"
