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
