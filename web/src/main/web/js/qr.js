// A QR code as an SVG element built node by node (no markup strings), for the authenticator
// app's otpauth:// URI. The code itself comes from the `qr` package.
import encodeQR from "qr";

const NS = "http://www.w3.org/2000/svg";

export function qrSvg(text) {
  const grid = encodeQR(text, "raw", { ecc: "medium", border: 4 });
  const n = grid.length;
  let d = "";
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (grid[y][x]) d += `M${x} ${y}h1v1h-1z`;
  }
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${n} ${n}`);
  svg.setAttribute("width", String(n * 5));
  svg.setAttribute("height", String(n * 5));
  svg.setAttribute("shape-rendering", "crispEdges");
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", String(n));
  bg.setAttribute("height", String(n));
  bg.setAttribute("fill", "#fff");
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", d);
  path.setAttribute("fill", "#000");
  svg.append(bg, path);
  return svg;
}
