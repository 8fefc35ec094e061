import { initAll } from '/static/govuk/govuk-frontend.min.js'
initAll()

// Large files take a while: say so, and keep the page from being submitted twice.
for (const form of document.querySelectorAll('form[data-long-job]')) {
  form.addEventListener('submit', () => {
    const note = form.querySelector('[data-long-job-note]')
    if (note) note.hidden = false
    const button = form.querySelector('button[type="submit"], button:not([type])')
    if (button) button.setAttribute('aria-disabled', 'true')
  })
}

// "Select all on this page" for a table of checkboxes (the MOJ multi-select pattern): shown
// only when scripts run; without them each row is ticked on its own.
for (const box of document.querySelectorAll('[data-select-all]')) {
  const all = box.querySelector('input')
  const table = box.closest('table')
  const rows = () => [...table.querySelectorAll('tbody input[type=checkbox]')]
  box.hidden = false
  all.addEventListener('change', () => { for (const row of rows()) row.checked = all.checked })
  table.addEventListener('change', (event) => {
    if (event.target !== all) all.checked = rows().every((row) => row.checked)
  })
}

// A long job's page: ask for its progress every few seconds instead of reloading the page, say
// each new stage (and every tenth of the way) in the polite live region, and when the job has
// ended show its result in place. Without JavaScript the page's Refresh button does the same.
const job = document.querySelector('[data-job-status]')
if (job) followJob(job)

function followJob (job) {
  const live = document.querySelector('[data-job-live]')
  const refresh = job.querySelector('[data-job-refresh]')
  if (refresh) refresh.hidden = true
  const every = Number(job.dataset.pollMs) || 2000
  let said = ''

  const say = (text) => {
    if (text !== said && live) live.textContent = text
    said = text
  }

  const showResult = async () => {
    const answer = await fetch(window.location.href, { credentials: 'same-origin' })
    const page = new DOMParser().parseFromString(await answer.text(), 'text/html')
    const result = page.getElementById('job')
    if (!result) { window.location.reload(); return }
    job.replaceWith(result)
    document.title = page.title
    initAll({ scope: result })
    const heading = result.querySelector('h1')
    if (heading) {
      heading.setAttribute('tabindex', '-1')
      heading.focus()
      const body = result.querySelector('.govuk-panel__body')
      say(heading.textContent.trim() + (body ? '. ' + body.textContent.trim() : ''))
    }
  }

  const poll = async () => {
    let status
    try {
      const answer = await fetch(job.dataset.jobStatus, {
        credentials: 'same-origin', headers: { Accept: 'application/json' }
      })
      if (!answer.ok) throw new Error(String(answer.status))
      status = await answer.json()
    } catch (error) {
      // The page cannot ask now: the Refresh button is there again.
      if (refresh) refresh.hidden = false
      return
    }
    if (status.finished) { await showResult(); return }
    const stage = job.querySelector('[data-job-stage]')
    const bar = job.querySelector('[data-job-progress]')
    const percent = job.querySelector('[data-job-percent]')
    if (stage) stage.textContent = status.stage + '…'
    if (bar) { bar.value = status.percent; bar.textContent = status.percent + '%' }
    if (percent) percent.textContent = status.percent + '% done'
    say(status.stage + ': ' + Math.floor(status.percent / 10) * 10 + '% done')
    window.setTimeout(poll, every)
  }
  window.setTimeout(poll, every)
}
