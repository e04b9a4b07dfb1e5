import { checkIdea } from '../idea-form.ts';
import { h } from './dom.ts';

export interface IdeaBox {
  readonly form: HTMLFormElement;
  readonly field: HTMLInputElement;
  /** The form's alert, for what went wrong with an idea already submitted. */
  readonly error: HTMLParagraphElement;
}

/**
 * The box where the host types ideas. It is cleared the moment an idea is submitted: the idea moves
 * to the list as pending, and an answer arriving later never touches what the host has typed since.
 * An idea of only spaces is said to be empty (and the spaces go), until the host types again.
 */
export function ideaBox(onIdea: (content: string) => void): IdeaBox {
  const field = h('input', {
    id: 'new-input',
    name: 'content',
    type: 'text',
    required: true,
    maxlength: 1000,
    autocomplete: 'off',
    placeholder: 'e.g. jungle theme party for 75 guests',
    'aria-describedby': 'input-hint',
  });
  const error = h('p', { class: 'error', role: 'alert', id: 'input-error' });
  const hint = h('p', { class: 'field-hint', id: 'input-hint', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'add-input' },
    h('label', { for: 'new-input' }, 'Add an idea'),
    h('div', { class: 'row' }, field, h('button', { type: 'submit', class: 'primary' }, 'Add')),
    error,
    hint,
  );
  const showHint = (text: string) => {
    hint.textContent = text;
    if (text) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  };
  field.addEventListener('input', () => {
    if (hint.textContent) showHint('');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = checkIdea(field.value);
    field.value = '';
    field.focus();
    if ('error' in checked) return showHint(checked.error);
    showHint('');
    error.textContent = '';
    onIdea(checked.content);
  });
  return { form, field, error };
}
