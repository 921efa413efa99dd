"""Every text rule courtdoc knows, written once: what a line's words say about it.

The geometry path, the plain-text path and segmentation all ask these
modules, so a byline, a dateline or a sentence end means the same thing on a
PDF, a scan and a text file. Matching goes through OpenCC (`chinese.shadow`),
so traditional pages are recognised as simplified ones are.

- `punctuation`: sentence ends, list ends, closing marks, clause marks.
- `chinese`: Han ranges, personal names, the simplified shadow used for matching.
- `markers`: the items papers print round a body: byline, dateline (XX讯, 本报讯,
  本报XX电, 【…】), attribution, photo credit.
- `furniture`: page numbers, editor / contact / edition / date / masthead lines,
  tables of contents, and the issue they describe.
- `headings`: section headings and headline-like lines, pull-quote speakers,
  column labels.
"""
