/// The style sheet of HTML reports: a readable page on screen, and for printing to PDF an A4
/// page with margins, each level-2 heading on a new page (except one that directly follows
/// the title), headings kept with what follows, table rows, figures and list items never split,
/// and table headers repeated on each page a long table runs over. Only system fonts, no
/// requests.
enum PrintStyle {
    static let css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #222;
               line-height: 1.5; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
        h1 { font-size: 1.8em; margin: 0 0 .6em; }
        h2 { font-size: 1.4em; margin: 1.6em 0 .6em; padding-bottom: .2em; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1.15em; margin: 1.2em 0 .4em; }
        table { border-collapse: collapse; margin: 1em 0; font-variant-numeric: tabular-nums; }
        th, td { padding: .3em .7em; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left; }
        thead th { border-bottom: 2px solid #444; }
        .num { text-align: right; white-space: nowrap; }
        figure { margin: 1.2em 0; }
        figure svg, figure img { max-width: 100%; height: auto; display: block; }
        sup.fnref { line-height: 0; }
        sup.fnref a { text-decoration: none; }
        .footnotes { margin-top: 2.5em; border-top: 1px solid #ccc; font-size: .9em; }
        @page { size: A4; margin: 20mm 18mm 22mm 18mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
          h2 { break-before: page; page-break-before: always; }
          h1 + h2 { break-before: auto; page-break-before: auto; }
          h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
          table, figure, li, tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          p { orphans: 3; widows: 3; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
