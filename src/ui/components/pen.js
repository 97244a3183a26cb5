// The replay of pen.rs's recordings (the protocol is in its doc): a worker, or R on the page.
const S = [];
function R(d) {
  if (d.batch) return void d.batch.forEach(R);
  if (d.canvas) return void (S[d.id] = { v: d.canvas, x: d.canvas.getContext("2d") });
  if (d.free !== undefined) return void delete S[d.free];
  const o = d.ops, t = d.strs;
  let i = 0, x;
  const n = () => o[i++];
  const v = () => S[n()].v;
  while (i < o.length) {
    switch (o[i++]) {
      case 0: if (!(x = S[n()]?.x)) return; break;
      case 1: {
        const id = n(), w = n(), h = n(), s = S[id];
        if (!s) {
          const c = typeof OffscreenCanvas > "u"
            ? Object.assign(document.createElement("canvas"), { width: w, height: h })
            : new OffscreenCanvas(w, h);
          S[id] = { v: c, x: c.getContext("2d") };
        } else if (s.v.width !== w || s.v.height !== h) {
          s.v.width = w;
          s.v.height = h;
        }
        break;
      }
      case 2: x.setTransform(n(), n(), n(), n(), n(), n()); break;
      case 3: x.clearRect(n(), n(), n(), n()); break;
      case 4: x.beginPath(); break;
      case 5: x.moveTo(n(), n()); break;
      case 6: x.lineTo(n(), n()); break;
      case 7: x.arc(n(), n(), n(), n(), n()); break;
      case 8: x.closePath(); break;
      case 9: x.rect(n(), n(), n(), n()); break;
      case 10: x.fill(); break;
      case 11: x.stroke(); break;
      case 12: x.lineWidth = n(); break;
      case 13: x.strokeStyle = t[n()]; break;
      case 14: x.fillStyle = t[n()]; break;
      case 15: { const k = n(); x.setLineDash([...o.subarray(i, i + k)]); i += k; break; }
      case 16: x.globalAlpha = n(); break;
      case 17: x.font = t[n()]; break;
      case 18: x.textAlign = t[n()]; break;
      case 19: x.fillText(t[n()], n(), n()); break;
      case 20: x.drawImage(v(), n(), n(), n(), n(), n(), n(), n(), n()); break;
      case 21: x.drawImage(v(), n(), n()); break;
      case 22: x.textBaseline = t[n()]; break;
      case 23: x.roundRect(n(), n(), n(), n(), n()); break;
      case 24: x.globalCompositeOperation = n() ? "copy" : "source-over"; break;
      default: return;
    }
  }
}
if (typeof WorkerGlobalScope < "u")
  onmessage = ({ data: d }) => {
    if (!d.ink) return R(d);
    let k = 0;
    for (const id of d.ink) {
      const s = S[id];
      if (s) for (const [j, a] of s.x.getImageData(0, 0, s.v.width, s.v.height).data.entries()) k += j % 4 == 3 && a > 0;
    }
    let sent = 0;
    const done = () => sent++ || postMessage({ ink: k, at: performance.timeOrigin + performance.now() });
    setTimeout(done, 100);
    self.requestAnimationFrame?.(() => setTimeout(done));
  };
