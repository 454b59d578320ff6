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

// Forms that take a while (a submission asks arXiv): the button says so and cannot be pressed twice.
for (const form of document.querySelectorAll('form[data-busy]')) {
  form.addEventListener('submit', () => {
    const button = form.querySelector('button[type="submit"]');
    if (!button) return;
    // Disabled only after this turn, so the press that submits the form still counts.
    setTimeout(() => {
      button.dataset.label = button.textContent;
      button.disabled = true;
      button.textContent = form.dataset.busy;
      button.setAttribute('aria-busy', 'true');
    });
  });
  // Back to a page the browser kept: the button works again.
  window.addEventListener('pageshow', () => {
    const button = form.querySelector('button[type="submit"][aria-busy]');
    if (button) Object.assign(button, { disabled: false, textContent: button.dataset.label }).removeAttribute('aria-busy');
  });
}

// Upvote buttons: the form posts without a reload; without JavaScript it posts and comes back. The button keeps the
// focus (a disabled button would lose it), so a second press while the first is on its way is ignored instead.
for (const form of document.querySelectorAll('form[data-vote]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
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
      const count = `${state.upvotes} ${state.upvotes === 1 ? 'upvote' : 'upvotes'}`;
      button.setAttribute('aria-label', `${state.upvoted ? 'Upvoted' : 'Upvote'}, ${count}`);
      form.action = form.action.replace(/\/(upvote|unvote)$/, state.upvoted ? '/unvote' : '/upvote');
    } catch {
      form.submit(); // fall back to the plain form
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
}

// Keyboard: j/k move between cards, o opens, u upvotes, w says why it is here, / searches, ? shows the shortcuts.
// Never while typing.
const cards = [...document.querySelectorAll('[data-card]')];
const help = document.getElementById('shortcuts');
let selected = -1;
function select(index) {
  if (cards.length === 0) return;
  cards[selected]?.removeAttribute('data-selected');
  selected = Math.max(0, Math.min(cards.length - 1, index));
  const card = cards[selected];
  card.setAttribute('data-selected', '');
  card.scrollIntoView({ block: 'nearest' });
  card.querySelector('[data-open]')?.focus({ preventScroll: true });
}
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  const card = cards[selected];
  switch (event.key) {
    case 'j': select(selected + 1); break;
    case 'k': select(selected - 1); break;
    case 'o': if (card) card.querySelector('[data-open]')?.click(); else return; break;
    case 'w': {
      const why = card?.querySelector('[data-why]');
      if (!why) return;
      why.open = !why.open;
      break;
    }
    case 'u': {
      const vote = card?.querySelector('.vote');
      if (!vote) return;
      vote.focus();
      vote.click();
      break;
    }
    case '/': document.getElementById('site-search')?.focus(); break;
    case '?': if (help) help.hidden = !help.hidden; break;
    case 'Escape': if (help && !help.hidden) help.hidden = true; else return; break;
    default: return;
  }
  event.preventDefault();
});

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
