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

// Suggestions as you type: paper titles in the search box's list, fetched after a short pause.
for (const input of document.querySelectorAll('input[data-suggest]')) {
  const list = document.getElementById(input.getAttribute('list'));
  let timer = null;
  let asked = '';
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value;
      if (q.trim().length < 3 || q === asked) return;
      asked = q;
      try {
        const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!response.ok || input.value !== q) return;
        const suggestions = await response.json();
        list.replaceChildren(...suggestions.map((s) => Object.assign(document.createElement('option'), { value: s.title })));
      } catch {
        // suggestions are a convenience: the search works without them
      }
    }, 150);
  });
}
