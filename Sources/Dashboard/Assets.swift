/// The stylesheet and script, compiled into the binary: the dashboard works
/// offline and loads nothing from outside its own server.
enum Assets {
    static let style = """
        :root { --fg: #1d1d1f; --muted: #666; --line: #ddd; --accent: #0072B2; --best: #fff7d6; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fafafa; }
        header { display: flex; gap: 20px; align-items: baseline; padding: 10px 24px; background: #fff; border-bottom: 1px solid var(--line); }
        header .brand { font-weight: 700; font-size: 16px; color: var(--fg); text-decoration: none; }
        header nav a { margin-right: 14px; }
        header .db { margin-left: auto; color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px;
                     max-width: 40%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        main { padding: 16px 24px 48px; max-width: 1600px; }
        h1 { font-size: 20px; margin: 4px 0 12px; overflow-wrap: anywhere; }
        h2 { font-size: 16px; margin: 22px 0 8px; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; background: #fff; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
        td { max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
        th { background: #f0f0f0; position: sticky; top: 0; font-weight: 600; }
        th a { color: var(--fg); }
        tr.best td { background: var(--best); }
        form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; margin-bottom: 12px; }
        form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
        form.filters input, form.filters select { font: inherit; padding: 3px 6px; min-width: 110px; }
        form.filters input.where { min-width: 220px; }
        button { font: inherit; padding: 4px 12px; cursor: pointer; }
        .status { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; background: #eee; }
        .status.running { background: #d8ecff; } .status.finished { background: #dff3e4; }
        .status.failed, .status.crashed { background: #fde0dc; } .status.killed, .status.pruned { background: #eee; }
        .pager { margin: 10px 0; display: flex; gap: 14px; align-items: center; color: var(--muted); }
        .empty { color: var(--muted); font-style: italic; }
        .note { color: var(--muted); font-size: 13px; }
        .error { color: #b00020; }
        .figures { display: flex; flex-wrap: wrap; gap: 16px; margin-top: 14px; }
        .figures svg { background: #fff; border: 1px solid var(--line); max-width: 100%; height: auto; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
        .cards { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        .card h2 { margin-top: 0; }
        .card.diagnosis { max-width: 720px; flex: 1; }
        dl.params { display: block; columns: 5 200px; column-gap: 24px; background: #fff; border: 1px solid var(--line); padding: 8px 12px; }
        dl.params div { display: flex; gap: 8px; break-inside: avoid; }
        dl.params dd { font-variant-numeric: tabular-nums; }
        .card { background: #fff; border: 1px solid var(--line); padding: 10px 14px; min-width: 260px; max-width: 100%; }
        .verdict { font-size: 16px; font-weight: 600; }
        .verdict.overfitting, .verdict.severe { color: #b00020; } .verdict.underfitting { color: #a35a00; } .verdict.healthy { color: #137333; }
        pre { background: #f3f3f3; padding: 8px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
        .live { color: #0b6; font-weight: 600; }
        .controls { display: flex; gap: 14px; align-items: center; margin: 6px 0 10px; flex-wrap: wrap; }
        .hidden-members [data-member] { display: none; }
        """

    /// Live pages: a figure marked `data-live-run` asks for the points after
    /// the last step it has, adds them in place using the axis frame the
    /// server wrote on the figure, and asks for a new figure when a point
    /// falls outside its domain. The smoothed values come from the server,
    /// computed on the full history, so smoothing lives in one place.
    static let script = """
        "use strict";
        (function () {
          function frame(svg) {
            function pair(name) { return svg.getAttribute(name).split(",").map(Number); }
            return { xd: pair("data-x-domain"), yd: pair("data-y-domain"), xr: pair("data-x-range"), yr: pair("data-y-range"),
                     log: svg.getAttribute("data-log") === "1" };
          }
          function position(f, x, y) {
            var yv = f.log ? Math.log10(y) : y, lo = f.log ? Math.log10(f.yd[0]) : f.yd[0], hi = f.log ? Math.log10(f.yd[1]) : f.yd[1];
            return [f.xr[0] + (x - f.xd[0]) / (f.xd[1] - f.xd[0]) * (f.xr[1] - f.xr[0]),
                    f.yr[0] + (yv - lo) / (hi - lo) * (f.yr[1] - f.yr[0])];
          }
          function inside(f, x, y) {
            return x >= f.xd[0] && x <= f.xd[1] && y >= f.yd[0] && y <= f.yd[1] && (!f.log || y > 0);
          }
          function lastStep(holder) {
            var last = -1;
            holder.querySelectorAll("polyline[data-key]").forEach(function (p) {
              var s = Number(p.getAttribute("data-last-step")); if (!isNaN(s) && p.getAttribute("data-last-step") !== "") last = Math.max(last, s);
            });
            return last;
          }
          function refetchFigure(holder) {
            return fetch(holder.getAttribute("data-figure-url"), { cache: "no-store" }).then(function (r) { return r.text(); })
              .then(function (svg) { holder.innerHTML = svg; });
          }
          function apply(holder, data) {
            var svg = holder.querySelector("svg"); if (!svg) return Promise.resolve();
            var f = frame(svg), outside = false, addedPoints = 0;
            Object.keys(data.metrics).forEach(function (key) {
              var m = data.metrics[key];
              svg.querySelectorAll('polyline[data-key="' + CSS.escape(key) + '"]').forEach(function (line) {
                var kind = line.getAttribute("data-kind"), ys = kind === "smoothed" ? m.smoothed : m.values, added = "";
                for (var i = 0; i < m.steps.length; i++) {
                  if (ys[i] === null) continue;
                  if (!inside(f, m.steps[i], ys[i])) { outside = true; continue; }
                  var p = position(f, m.steps[i], ys[i]); added += " " + p[0].toFixed(2) + "," + p[1].toFixed(2);
                }
                if (added) { line.setAttribute("points", (line.getAttribute("points") + added).trim()); addedPoints++; }
                if (m.steps.length) line.setAttribute("data-last-step", String(m.steps[m.steps.length - 1]));
              });
            });
            // Counted on the holder, so tests (and curious users) can see live updates happen.
            if (addedPoints || outside) holder.setAttribute("data-live-updates", String(Number(holder.getAttribute("data-live-updates") || 0) + 1));
            return outside ? refetchFigure(holder) : Promise.resolve();
          }
          function poll(holder) {
            var after = lastStep(holder);
            var url = holder.getAttribute("data-metrics-url") + "&after=" + after;
            fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (data) {
              var status = document.getElementById("live-status");
              return apply(holder, data).then(function () {
                if (status) status.textContent = data.status === "running" ? "live: epoch " + data.last_step : data.status;
                holder.setAttribute("data-polled-after", String(after));
                if (data.status === "running") setTimeout(function () { poll(holder); }, 1000);
                else location.reload();
              });
            }).catch(function () { setTimeout(function () { poll(holder); }, 2000); });
          }
          document.querySelectorAll("[data-live-run]").forEach(function (holder) { setTimeout(function () { poll(holder); }, 1000); });
          var members = document.getElementById("show-members");
          if (members) {
            var target = document.getElementById("group-figures");
            var sync = function () { target.classList.toggle("hidden-members", !members.checked); };
            members.addEventListener("change", sync); sync();
          }
          document.querySelectorAll("select[data-autosubmit], input[data-autosubmit]").forEach(function (el) {
            el.addEventListener("change", function () { el.form.submit(); });
          });
          document.body.setAttribute("data-ready", String(performance.now()));
        })();
        """
}
