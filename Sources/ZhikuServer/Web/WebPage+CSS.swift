extension WebPage {
    /// The style sheet: system CJK fonts, a comfortable line height for Han text, wrapping that
    /// never breaks inside a Latin word yet never overflows.
    static let css = #"""
        :root {
          --ink: #1d232a; --muted: #5d6874; --line: #dde3ea; --accent: #0b5cad; --mark: #ffe58a; --paper: #fbfbf9;
          font-family: "Noto Sans CJK TC", "Noto Sans CJK SC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei",
                       "Noto Sans", system-ui, sans-serif;
          color: var(--ink); background: var(--paper);
        }
        * { box-sizing: border-box; }
        body { margin: 0; line-height: 1.8; font-size: 17px; }
        header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line);
                 padding: .6rem 1rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; z-index: 1; }
        .brand { font-weight: 700; font-size: 1.4rem; color: var(--ink); text-decoration: none; letter-spacing: .1em; }
        form { display: flex; gap: .5rem; flex: 1; flex-wrap: wrap; }
        input[type=search] { flex: 1 1 18rem; font: inherit; padding: .35rem .6rem; border: 1px solid #b8c2cc; border-radius: 6px; }
        select, button { font: inherit; font-size: .95rem; padding: .3rem .5rem; border: 1px solid #b8c2cc; border-radius: 6px; background: #fff; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        main { max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
        footer { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .9rem; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        h1 { font-size: 1.6rem; line-height: 1.4; margin: .2rem 0 .4rem; }
        h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
        .meta { color: var(--muted); font-size: .92rem; }
        .hit, .claim, .turn { padding: .7rem 0; border-bottom: 1px solid var(--line); }
        .hit p, .claim p, .turn p { margin: .2rem 0; }
        p, li, td { overflow-wrap: anywhere; word-break: normal; line-break: strict; }
        mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
        .who { font-weight: 600; }
        .chips { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0; list-style: none; }
        .chips li { border: 1px solid var(--line); border-radius: 999px; padding: .05rem .7rem; background: #fff; font-size: .95rem; }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; }
        th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { color: var(--muted); font-weight: 500; white-space: nowrap; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        meter.bar { width: 10rem; height: .8em; vertical-align: middle; }
        .error { color: #a4161a; }
        .empty { color: var(--muted); }
        """#
}
