// A voice message's recordings in the History panel: the whole call (stereo: you left, the agent right) and each clip,
// each with a player. A file's content needs the API key, which an <audio src> cannot send: each is fetched with the
// console's key when asked for and played from a blob: URL (the page's media-src allows blob:). The panel revokes
// those URLs when it shows something else, so the audio is not held after.

import { showAlert } from './alert.js';
import { el } from './dom.js';

/** The recordings of a voice message's `content`, or null when it was not recorded; blob: URLs made go into `urls`. */
export function recordingView(api, content, urls) {
  const clips = content.audio_clips ?? [];
  if (!content.recording && clips.length === 0) return null;
  const view = el('div', { className: 'recordings' });
  const call = content.recording;
  if (call) {
    view.append(el('div', { className: 'recording', data: { fileId: call.id, kind: 'call' } },
      ...player(api, call.id, 'Play the whole call', urls),
      el('span', { className: 'note' }, `${seconds(call.duration_ms)} · you on the left, the agent on the right`)));
  }
  if (clips.length > 0) {
    view.append(el('ol', { className: 'clips' }, ...clips.map((clip) => el('li', { data: { fileId: clip.id, participant: clip.participant?.type ?? '' } },
      ...player(api, clip.id, 'Play', urls),
      el('span', { className: 'who' }, clip.participant?.type === 'user' ? 'You' : 'Agent'),
      el('span', { className: 'note' }, `at ${seconds(clip.start_time_ms)} · ${seconds(clip.duration_ms)}`)))));
  }
  const total = content.audio_clips_total ?? clips.length;
  if (total > clips.length) view.append(el('p', { className: 'note' }, `The first ${clips.length} of ${total} clips.`));
  return view;
}

/** A button that fetches the file with the key and plays it, and the player it then shows. */
function player(api, fileId, label, urls) {
  const audio = el('audio', { controls: true, hidden: true, preload: 'auto' });
  const button = el('button', { type: 'button', className: 'quiet play' }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const url = URL.createObjectURL(await api().blob(`/files/${encodeURIComponent(fileId)}/content`));
      urls.push(url);
      audio.src = url;
      audio.hidden = false;
      button.hidden = true;
      // The player's controls stay for when the browser will not start it by itself.
      await audio.play().catch(() => {});
    } catch (error) {
      button.disabled = false;
      showAlert(error.message);
    }
  });
  return [button, audio];
}

function seconds(ms) {
  return `${((ms ?? 0) / 1000).toFixed(1)} s`;
}
