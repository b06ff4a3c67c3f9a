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
  s.on('data', d => {
    // after the 101, the only frame a silent client gets is the server's close (opcode 0x88, e.g. 4408)
    if (counted) { if (!closeFrameSeen && head.startsWith('HTTP/1.1 101') && d.charCodeAt(0) === 0x88) { closeFrameSeen = true; stats.closedByServer++; } return; }
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
