// PCM16 little-endian <-> base64, as the voice socket carries audio.

/** Base64 of the bytes of an Int16Array (little-endian on every browser platform in use). */
export function int16ToBase64(samples) {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

/** The samples in base64 PCM16 little-endian; an odd trailing byte is dropped. */
export function base64ToInt16(data) {
  const binary = atob(data);
  const samples = new Int16Array(binary.length >> 1);
  for (let i = 0; i < samples.length; i++) {
    const lo = binary.charCodeAt(2 * i);
    const hi = binary.charCodeAt(2 * i + 1);
    samples[i] = (hi << 8) | lo; // Int16Array wraps values above 32767 to negatives.
  }
  return samples;
}
