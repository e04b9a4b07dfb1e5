import { h } from './dom.ts';

/** The party's link, with a button that copies it. */
export function shareControls(shareUrl: string): HTMLElement[] {
  const shareInput = h('input', { id: 'share-link', type: 'text', readonly: true, value: shareUrl });
  const copyButton = h('button', { type: 'button' }, 'Copy link');
  copyButton.addEventListener('click', async () => {
    shareInput.select();
    try {
      await navigator.clipboard.writeText(shareUrl);
      copyButton.textContent = 'Copied';
    } catch {
      copyButton.textContent = 'Select and copy';
    }
  });
  return [
    h('label', { for: 'share-link' }, 'Anyone with this link can add and remove ideas'),
    h('div', { class: 'row' }, shareInput, copyButton),
  ];
}
