extension WebPage {
    /// The script: reads the `#/…` address, asks the API, and writes the page. Text from the database
    /// is always escaped before it goes into HTML; only the API's «» hit markers become <mark>. No
    /// inline styles: the page's Content-Security-Policy forbids them (bars are <meter> elements).
    static let javaScript = #"""
        "use strict";
        const main = document.getElementById("main");
        const form = document.getElementById("search");
        const box = document.getElementById("q");
        const speakerFilter = document.getElementById("speaker");
        const topicFilter = document.getElementById("topic");

        function esc(text) {
          return String(text ?? "").replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]);
        }
        function marked(snippet) {
          return esc(snippet).replace(/«/g, "<mark>").replace(/»/g, "</mark>");
        }
        function link(path, text) { return `<a href="#/${path}">${esc(text)}</a>`; }
        function speakerLink(id, name) { return id == null ? `<span class="meta">（無人發言）</span>` : link(`speaker/${id}`, name); }
        function documentLink(id, title) { return link(`document/${id}`, title); }
        function topicLink(name) { return link(`topic/${encodeURIComponent(name)}`, name); }

        async function api(path, params = {}) {
          const query = new URLSearchParams();
          for (const [key, value] of Object.entries(params)) {
            for (const item of [].concat(value)) if (item !== "" && item != null) query.append(key, item);
          }
          const response = await fetch(`/api/${path}${query.size ? "?" + query : ""}`);
          const body = await response.json();
          if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
          return body;
        }

        async function fillFilters() {
          const [speakers, topics] = await Promise.all([api("speakers"), api("topics")]);
          for (const s of speakers) speakerFilter.add(new Option(`${s.name}（${s.turns}）`, s.id));
          for (const t of topics.slice(0, 200)) topicFilter.add(new Option(t.name, t.name));
        }

        async function showSearch(params) {
          box.value = params.get("q") ?? "";
          speakerFilter.value = params.get("speaker") ?? "";
          topicFilter.value = params.get("topic") ?? "";
          if (!box.value) return showHome();
          const hits = await api("search", {q: box.value, speaker: speakerFilter.value, topic: topicFilter.value, limit: 50});
          main.innerHTML = `<h1>「${esc(box.value)}」</h1><p class="meta">${hits.length} 段發言${hits.length === 50 ? "（前 50 段）" : ""}</p>`
            + (hits.length ? hits.map(hit => `<div class="hit">
                <p>${marked(hit.snippet)}</p>
                <p class="meta">${speakerLink(hit.speaker_id, hit.speaker)} · ${documentLink(hit.document, hit.title)} · 第 ${hit.line} 行</p>
              </div>`).join("") : `<p class="empty">沒有找到。</p>`);
        }

        async function showHome() {
          const [documents, topics] = await Promise.all([api("documents"), api("topics")]);
          main.innerHTML = `<h1>知庫</h1><p class="meta">${documents.length} 份文件。搜尋時繁體、简体皆可：「晶片」也會找到「芯片」。</p>
            <h2>熱門主題</h2><ul class="chips">${topics.slice(0, 30).map(t => `<li>${topicLink(t.name)} <span class="meta">${t.mentions}</span></li>`).join("")}</ul>
            <h2>最新文件</h2>${documentTable(documents.slice(-15).reverse())}`;
        }

        function documentTable(documents) {
          return `<table><tr><th>日期</th><th>標題</th><th>講者</th><th>發言</th></tr>${documents.map(d => `<tr>
            <td>${esc(d.date ?? "—")}</td><td>${documentLink(d.id, d.title)}</td><td class="n">${d.speakers}</td><td class="n">${d.turns}</td></tr>`).join("")}</table>`;
        }

        async function showDocuments() {
          main.innerHTML = `<h1>文件</h1>${documentTable(await api("documents"))}`;
        }

        async function showTopics() {
          const topics = await api("topics");
          main.innerHTML = `<h1>主題</h1><table><tr><th>主題</th><th>來源</th><th>講者</th><th>提及</th></tr>${topics.map(t => `<tr>
            <td>${topicLink(t.name)}${t.aliases.length ? ` <span class="meta">${esc(t.aliases.join("、"))}</span>` : ""}</td>
            <td>${esc(t.origin)}</td><td class="n">${t.speakers}</td><td class="n">${t.mentions}</td></tr>`).join("")}</table>`;
        }

        async function showSpeakers() {
          const speakers = await api("speakers");
          main.innerHTML = `<h1>講者</h1><table><tr><th>講者</th><th>單位</th><th>發言</th><th>文件</th></tr>${speakers.map(s => `<tr>
            <td>${speakerLink(s.id, s.name)}</td><td>${esc(s.affiliation ?? "")}</td><td class="n">${s.turns}</td><td class="n">${s.documents}</td></tr>`).join("")}</table>`;
        }

        async function showSpeaker(id) {
          const s = await api(`show/speaker/${encodeURIComponent(id)}`, {limit: 100});
          const most = Math.max(1, ...s.topics.map(t => t.mentions));
          main.innerHTML = `<h1>${esc(s.name)}</h1>
            <p class="meta">${s.aliases.length > 1 ? "亦作 " + esc(s.aliases.join("、")) + " · " : ""}${s.turns} 段發言，${s.documents} 份文件</p>
            <h2>出現</h2><table><tr><th>日期</th><th>文件</th><th>單位</th><th>角色</th><th>發言</th></tr>${s.appearances.map(a => `<tr>
              <td>${esc(a.date ?? "—")}</td><td>${documentLink(a.document, a.title)}</td><td>${esc(a.affiliation ?? "")}</td>
              <td>${esc(a.role ?? "")}</td><td class="n">${a.turns}</td></tr>`).join("")}</table>
            <h2>主題</h2>${s.topics.length ? `<table>${s.topics.map(t => `<tr><td>${topicLink(t.name)}</td>
              <td class="n">${t.mentions}</td><td><meter class="bar" min="0" max="${most}" value="${t.mentions}"></meter></td></tr>`).join("")}</table>` : `<p class="empty">沒有。</p>`}
            <h2>主張（${s.claims.length} / ${s.claims_total}）</h2>${s.claims.map(c => `<div class="claim"><p>${esc(c.text)}</p>
              <p class="meta">${documentLink(c.document, c.title)} · 第 ${c.line} 行 · 字元 ${c.start_offset}–${c.end_offset}${c.topics.length ? " · " + c.topics.map(topicLink).join("、") : ""}</p></div>`).join("")}`;
        }

        async function showTopic(name) {
          const t = await api(`show/topic/${encodeURIComponent(name)}`);
          const most = Math.max(1, ...t.timeline.map(m => m.mentions));
          main.innerHTML = `<h1>${esc(t.name)}</h1>
            <p class="meta">${t.id == null ? "不是已知主題：以全文搜尋" : esc(t.origin)}${t.aliases.length ? " · 亦作 " + esc(t.aliases.join("、")) : ""}</p>
            <h2>講者（${t.speakers.length}）</h2>${t.speakers.length ? `<table><tr><th>講者</th><th>提及</th><th>文件</th><th>期間</th></tr>${t.speakers.map(s => `<tr>
              <td>${speakerLink(s.id, s.name)}</td><td class="n">${s.mentions}</td><td class="n">${s.documents}</td>
              <td>${esc(s.first === s.last ? s.first ?? "" : `${s.first ?? ""} – ${s.last ?? ""}`)}</td></tr>`).join("")}</table>` : `<p class="empty">沒有講者談到。</p>`}
            <h2>時間軸</h2><table>${t.timeline.map(m => `<tr><td>${esc(m.date ?? "—")}</td><td>${documentLink(m.document, m.title)}</td>
              <td class="n">${m.mentions}</td><td><meter class="bar" min="0" max="${most}" value="${m.mentions}"></meter></td>
              <td>${esc(m.speakers.join("、"))}</td></tr>`).join("")}</table>
            ${t.headings.length ? `<h2>以此為標題的段落</h2><ul>${t.headings.map(h => `<li>${esc(h.heading)} — ${documentLink(h.document, h.title)}，第 ${h.line} 行</li>`).join("")}</ul>` : ""}`;
        }

        async function showDocument(id) {
          const d = await api(`show/document/${encodeURIComponent(id)}`);
          const names = new Map(d.speakers.map(s => [s.id, s]));
          main.innerHTML = `<h1>${esc(d.title)}</h1><p class="meta">${esc([d.date, d.source].filter(Boolean).join(" · "))}</p>
            <h2>講者</h2><ul class="chips">${d.speakers.map(s => `<li>${speakerLink(s.id, s.name)} <span class="meta">${esc([s.affiliation, s.role].filter(Boolean).join(" · "))}</span></li>`).join("")}</ul>
            ${d.sections.map(section => `<h2>${esc(section.heading ?? "發言")}</h2>${section.turns.map(turn => `<div class="turn">
              <p class="meta">${turn.speaker_id == null ? "（無人發言）" : `<span class="who">${speakerLink(turn.speaker_id, names.get(turn.speaker_id)?.name ?? turn.speaker)}</span>`} · 第 ${turn.line} 行</p>
              ${turn.text.split(/\n+/).map(p => `<p>${esc(p)}</p>`).join("")}</div>`).join("")}`).join("")}`;
        }

        async function route() {
          const hash = location.hash.replace(/^#\/?/, "");
          const [path, query] = hash.split("?");
          const [kind, ...rest] = path.split("/");
          const name = decodeURIComponent(rest.join("/"));
          try {
            if (kind === "search") await showSearch(new URLSearchParams(query));
            else if (kind === "speaker") await showSpeaker(name);
            else if (kind === "topic") await showTopic(name);
            else if (kind === "document") await showDocument(name);
            else if (kind === "documents") await showDocuments();
            else if (kind === "topics") await showTopics();
            else if (kind === "speakers") await showSpeakers();
            else await showHome();
            window.scrollTo(0, 0);
          } catch (error) {
            main.innerHTML = `<p class="error">${esc(error.message)}</p>`;
          }
        }

        form.addEventListener("submit", event => {
          event.preventDefault();
          const params = new URLSearchParams({q: box.value.trim()});
          if (speakerFilter.value) params.set("speaker", speakerFilter.value);
          if (topicFilter.value) params.set("topic", topicFilter.value);
          location.hash = `#/search?${params}`;
        });
        for (const filter of [speakerFilter, topicFilter]) {
          filter.addEventListener("change", () => { if (box.value.trim()) form.requestSubmit(); });
        }
        window.addEventListener("hashchange", route);
        fillFilters().catch(() => {}).finally(route);
        """#
}
