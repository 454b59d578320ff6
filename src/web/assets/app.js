// Progressive enhancement only: every page works without this script.
'use strict';

// "Copy" buttons (hidden without JavaScript): copy the text of the element named by data-copy.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const target = document.querySelector(button.getAttribute('data-copy'));
  if (!target || !navigator.clipboard) continue;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(target.textContent);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed';
    }
    setTimeout(() => { button.textContent = label; }, 1600);
  });
}
