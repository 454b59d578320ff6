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

// Upvote buttons: the form posts without a reload; without JavaScript it posts and comes back.
for (const form of document.querySelectorAll('form[data-vote]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
      });
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      form.querySelector('.vote-count').textContent = String(state.upvotes);
      button.classList.toggle('voted', state.upvoted);
      button.setAttribute('aria-pressed', String(state.upvoted));
      button.title = state.upvoted ? 'Remove your upvote' : 'Upvote';
      form.action = form.action.replace(/\/(upvote|unvote)$/, state.upvoted ? '/unvote' : '/upvote');
    } catch {
      form.submit(); // fall back to the plain form
    } finally {
      button.disabled = false;
    }
  });
}
