#!/usr/bin/env python3
"""Makes the .docx inputs of tests/import/run.sh (standard library only):

  mkdocx.py word OUT   a report as Word writes one: a Title paragraph, the
                       header as a two-column table, headings in Word's
                       Heading 1 style (not in capitals), List Bullet
                       paragraphs numbered at two levels, a line break in
                       a paragraph, a table in the body, a heading that is
                       no section of the catalogue
  mkdocx.py numbered OUT
                       numbered lists as Word writes them: word/numbering.xml
                       defines decimal ("%1."), lettered ("%2)"), Roman
                       ("%1)") and bullet levels; a second list of one
                       definition restarts it (w:startOverride), another
                       starts at 5, a List Number style numbers its
                       paragraphs, a numId with no definition is a bullet;
                       Heading 1 paragraphs that are no section of the
                       catalogue, one of them numbered
  mkdocx.py numbered-text OUT
                       its words as text (for the sentence check)
  mkdocx.py xxe OUT    the same with a document type declaring an external
                       entity (file:///etc/passwd) used in the text
  mkdocx.py bomb OUT   a zip bomb: word/document.xml inflates 1000 to 1
  mkdocx.py junk OUT   binary junk (every byte value), named .docx or not

Entries are written with a fixed date, so the files are the same each run.
"""
import sys
import zipfile

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/></Types>')

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '</w:styles>')


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def run(text):
    # a tab or a line break inside a run, as Word writes them
    out = []
    for i, line in enumerate(text.split('\n')):
        if i:
            out.append('<w:br/>')
        for j, part in enumerate(line.split('\t')):
            if j:
                out.append('<w:tab/>')
            if part:
                out.append(f'<w:t xml:space="preserve">{esc(part)}</w:t>')
    return '<w:r><w:rPr><w:b/></w:rPr>' + ''.join(out) + '</w:r>'


def para(text, style=None, level=None, num=1):
    ppr = ''
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if level is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
    return f'<w:p><w:pPr>{ppr}</w:pPr>{run(text)}</w:p>' if ppr else f'<w:p>{run(text)}</w:p>'


def table(rows):
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>']
    for row in rows:
        out.append('<w:tr>')
        for cell in row:
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{para(cell)}</w:tc>')
        out.append('</w:tr>')
    out.append('</w:tbl>')
    return ''.join(out)


def body(author='Lou Williams'):
    return ''.join([
        para('SERVICE HIGHLIGHT REPORT', 'Title'),
        table([['SERVICE AREAS:', 'Children and Safeguarding'],
               ['REPORT AUTHOR:', author],
               ['REPORTING PERIOD:', 'Fortnight ending 17th July 2020']]),
        para(''),
        para('New guidance and impact', 'Heading1'),
        para('Guidance on visits was published on Friday.', 'ListBullet', 0),
        para('It covers foster carers;', 'ListBullet', 1),
        para('and residential homes.', 'ListBullet', 1),
        para('A second item, written\nover two lines.', 'ListBullet', 0),
        para('A paragraph after the list.'),
        para('Decisions made since last reporting period', 'Heading1'),
        para('None'),
        para('Staffing', 'Heading1'),
        para('Two posts were filled.'),
        table([['Team', 'Posts', 'Notes'], ['Fostering', '2', 'a | b'],
               ['- Adoption', '1. one', ''], ['# Short']]),
        para('Communications', 'Heading1'),
        para('Unchanged:'),
        para('A newsletter went to all carers.', 'ListBullet', 0),
    ])


def document(doctype='', author='Lou Williams', content=None):
    content = body(author) if content is None else content
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype +
            f'<w:document xmlns:w="{W}"><w:body>{content}<w:sectPr/></w:body></w:document>')


def lvl(ilvl, fmt, text, start=1):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


# abstractNum 0: bullets; 1: 1. / a) / bullet; 2: I) (the List Number
# style's); 3: decimal "%1)" from 5. numId 4 restarts definition 1.
NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0">' + lvl(0, 'bullet', '\u2022') + lvl(1, 'bullet', 'o') +
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, 'decimal', '%1.') +
    lvl(1, 'lowerLetter', '%2)') + lvl(2, 'bullet', '\u2022') + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2">' + lvl(0, 'upperRoman', '%1)') + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="3">' + lvl(0, 'decimal', '%1)', 5) + '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="1"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>'
    '<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>'
    '</w:numbering>')

NUMBERED_STYLES = STYLES.replace(
    '</w:styles>',
    '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>'
    '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>')


HEADER = [['SERVICE AREAS:', 'Children and Safeguarding'],
          ['REPORT AUTHOR:', 'Lou Williams'],
          ['REPORTING PERIOD:', 'Week ending 24th July 2020']]

# (text, style, level, numId) of each paragraph after the header
NUMBERED = [
    ('Decisions made since last reporting period', 'Heading1', None, 1),
    ('The board approved the recovery plan.', None, 0, 2),
    ('The capital programme was deferred:', None, 0, 2),
    ('the school roof works move to April;', None, 1, 2),
    ('the library refit moves to June,', None, 1, 2),
    ('with the contractor\'s agreement.', None, 2, 2),
    ('The winter plan was agreed.', None, 0, 2),
    ('Staffing update', 'Heading1', None, 1),
    ('Two posts were filled.', 'ListNumber', None, 1),
    ('A manager starts in October.', 'ListNumber', None, 1),
    ('Actions and next steps', 'Heading1', None, 1),
    ('Review the winter plan.', None, 0, 4),
    ('Report to the board in October.', None, 0, 4),
    ('Risks and issues', 'Heading1', None, 1),
    ('Demand may rise in the winter.', None, 0, 5),
    ('Two posts are still open.', None, 0, 5),
    ('Communications', 'Heading1', None, 1),
    ('A newsletter went to all carers.', None, 0, 1),
    ('A list with no definition is a bullet.', None, 0, 9),
    ('Volunteers', 'Heading1', 0, 6),
    ('Thirty volunteers joined the befriending service.', None, None, 1),
]


def numbered():
    return ''.join([para('SERVICE HIGHLIGHT REPORT', 'Title'), table(HEADER), para('')] +
                   [para(*p) for p in NUMBERED])


def numbered_text():
    # its words as text, a paragraph a block: what the import must keep
    lines = ['SERVICE HIGHLIGHT REPORT', ''] + ['\t'.join(r) for r in HEADER] + ['']
    for p in NUMBERED:
        lines += [p[0], '']
    return '\n'.join(lines)


def write(out, entries):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 7, 17, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    base = [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
            ('word/styles.xml', STYLES)]
    if kind == 'word':
        write(out, base + [('word/document.xml', document())])
    elif kind == 'numbered':
        write(out, [('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
                    ('word/styles.xml', NUMBERED_STYLES), ('word/numbering.xml', NUMBERING),
                    ('word/document.xml', document(content=numbered()))])
    elif kind == 'numbered-text':
        with open(out, 'w', encoding='utf-8') as f:
            f.write(numbered_text())
    elif kind == 'xxe':
        doctype = ('<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n')
        write(out, base + [('word/document.xml', document(doctype, '&secret;'))])
    elif kind == 'bomb':
        write(out, base + [('word/document.xml', ' ' * (8 << 20))])
    elif kind == 'junk':
        with open(out, 'wb') as f:
            f.write(bytes(range(256)) * 64)
    else:
        sys.exit('usage: mkdocx.py word|numbered|numbered-text|xxe|bomb|junk OUT')


main()
