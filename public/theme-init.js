// Runs before the app bundle so the saved theme is applied without a flash.
// Kept in sync with src/lib/theme.ts (storage key and class name).
;(function () {
  try {
    var pref = localStorage.getItem('console-theme') || 'system'
    var dark =
      pref === 'dark' ||
      (pref === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches)
    document.documentElement.classList.toggle('dark', dark)
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
  } catch (e) {
    /* storage blocked: fall back to light */
  }
})()
