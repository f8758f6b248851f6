// Progress of an ingest job, updated in place. Without this script the page
// refreshes itself (a <noscript> meta refresh), so it only enhances.
"use strict";
(function () {
  const section = document.getElementById("job");
  if (!section || section.dataset.over === "yes") return;
  const url = "/api/jobs/" + encodeURIComponent(section.dataset.job);
  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const job = await response.json();
      for (const field of ["state", "added", "already_stored"]) {
        const node = section.querySelector('[data-field="' + field + '"]');
        if (node) node.textContent = String(job[field]);
      }
      const problems = section.querySelector('[data-field="problems"]');
      if (problems) problems.textContent = String(job.problems.length);
      if (job.state === "done" || job.state === "failed") {
        window.location.reload();  // the server renders the finished job in full
        return;
      }
    } catch (error) {
      // A failed poll is retried on the next tick.
    }
    window.setTimeout(poll, 1500);
  }
  window.setTimeout(poll, 1000);
})();
