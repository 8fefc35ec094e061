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
