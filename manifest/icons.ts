import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];

const NAVY: Rgba = [0x1f, 0x3a, 0x93, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Whether a point (0..1 on both axes) lies inside a shield: a flat top, straight sides, a pointed base. */
function inShield(x: number, y: number, inset = 0): boolean {
  const top = 0.14 + inset;
  const shoulder = 0.52;
  const tip = 0.9 - inset * 1.6;
  const halfWidth = 0.32 - inset;
  if (y < top || y > tip) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= shoulder) return dx <= halfWidth;
  const t = (y - shoulder) / (tip - shoulder);
  return dx <= halfWidth * Math.sqrt(1 - t * t);
}

function draw(size: number, colourAt: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const colour = colourAt((column + 0.5) / size, (row + 0.5) / size);
      png.data.set(colour, (row * size + column) * 4);
    }
  }
  return PNG.sync.write(png);
}

/** The 192×192 colour icon: a white shield with a navy inner rim on a full navy background. */
export function colourIcon(): Buffer {
  return draw(192, (x, y) => {
    if (!inShield(x, y)) return NAVY;
    const rim = inShield(x, y, 0.05) && !inShield(x, y, 0.08);
    return rim ? NAVY : WHITE;
  });
}

/** The 32×32 outline icon: a white shield outline on a transparent background, as Teams requires. */
export function outlineIcon(): Buffer {
  return draw(32, (x, y) => (inShield(x, y) && !inShield(x, y, 0.09) ? WHITE : CLEAR));
}

/** Writes both icons next to the manifest template. */
export async function writeIcons(directory: string): Promise<void> {
  await writeFile(path.join(directory, 'color.png'), colourIcon());
  await writeFile(path.join(directory, 'outline.png'), outlineIcon());
}

if (require.main === module) {
  writeIcons(path.resolve(__dirname, '..', '..', 'manifest')).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
