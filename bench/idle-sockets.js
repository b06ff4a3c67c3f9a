// Opens N GraphQL WebSockets by hand (HTTP upgrade over plain TCP) and keeps them silent.
// Prints how many were upgraded (101), refused (503) or failed, and how many the server closed later.
// usage: node idle-sockets.js <port> <count> <holdSeconds>
const net = require('net');
const [port, count, hold] = process.argv.slice(2).map(Number);
const stats = { upgraded: 0, refused503: 0, otherStatus: 0, failed: 0, closedByServer: 0 }; // closedByServer: close frames received
const sockets = [];
let pending = count;
function open(i) {
  const s = net.connect(port, '127.0.0.1');
  let head = '';
  let counted = false;
  s.setEncoding('latin1');
  s.on('connect', () => s.write('GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n'));
  let closeFrameSeen = false;
  let frames = '';
  s.on('data', d => {
    // after the 101 a silent client gets keep-alive pings and then the server's close (opcode 8, e.g. 4408),
    // often in one chunk: walk the frames (server frames are unmasked)
    if (counted) {
      if (!head.startsWith('HTTP/1.1 101')) return;
      frames += d;
      while (frames.length >= 2) {
        let length = frames.charCodeAt(1) & 0x7f, start = 2;
        if (length === 126) { if (frames.length < 4) break; length = (frames.charCodeAt(2) << 8) | frames.charCodeAt(3); start = 4; }
        if (frames.length < start + length) break;
        if ((frames.charCodeAt(0) & 0x0f) === 8 && !closeFrameSeen) { closeFrameSeen = true; stats.closedByServer++; }
        frames = frames.slice(start + length);
      }
      return;
    }
    head += d;
    if (head.includes('\r\n')) {
      counted = true;
      if (head.startsWith('HTTP/1.1 101')) stats.upgraded++;
      else if (head.startsWith('HTTP/1.1 503')) stats.refused503++;
      else stats.otherStatus++;
      if (--pending === 0) report('opened');
    }
  });
  s.on('error', () => { if (!counted) { counted = true; stats.failed++; if (--pending === 0) report('opened'); } });
  sockets.push(s);
}
function report(when) { console.log(JSON.stringify({ when, ...stats })); }
let i = 0;
(function batch() { for (let k = 0; k < 200 && i < count; k++) open(i++); if (i < count) setTimeout(batch, 20); })();
setTimeout(() => { report('end'); sockets.forEach(s => s.destroy()); process.exit(0); }, hold * 1000);
