/**
 * The login QR code, drawn here from the puppet's value (issue 18 §5): in the terminal, and as a PNG for the managers'
 * alert. Nothing goes through a third-party site (Wechaty's qrcodeValueToImageUrl points at wechaty.js.org, which
 * would see every login code).
 */

/** The part of npm `qrcode` used here, typed locally (no @types package: every worktree and install has it). */
interface QrCodeLib {
  toString(text: string, options: { type: 'terminal'; small?: boolean }): Promise<string>;
  toBuffer(text: string, options: { type: 'png'; errorCorrectionLevel: 'M'; scale: number; margin: number }): Promise<Buffer>;
}

let lib: Promise<QrCodeLib> | undefined;
function qrcodeLib(): Promise<QrCodeLib> {
  // A computed specifier: the package ships no types of its own.
  const name = 'qrcode';
  lib ??= import(name).then((mod: { default?: QrCodeLib } & Partial<QrCodeLib>) => mod.default ?? (mod as QrCodeLib));
  return lib;
}

/** Draws the code on `output` (stderr by default), with its content below for copying. */
export function printQr(qrcode: string, output: NodeJS.WritableStream = process.stderr): void {
  void drawQr(qrcode)
    .then((drawing) => output.write(`${drawing ?? ''}\n微信扫码登录 / scan to log in (code content: ${qrcode})\n`))
    .catch(() => output.write(`微信扫码登录 / scan to log in (code content: ${qrcode})\n`));
}

export async function drawQr(qrcode: string): Promise<string | undefined> {
  try {
    return await (await qrcodeLib()).toString(qrcode, { type: 'terminal', small: true });
  } catch {
    return undefined;
  }
}

/** The code as a PNG: 8 px a module with the standard 4-module quiet zone, well under the WeCom robot's 2 MB. */
export async function qrPng(qrcode: string): Promise<Buffer> {
  return (await qrcodeLib()).toBuffer(qrcode, { type: 'png', errorCorrectionLevel: 'M', scale: 8, margin: 4 });
}
