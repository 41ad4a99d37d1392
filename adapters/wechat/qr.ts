/**
 * The login QR code, drawn here from the puppet's value (issue 18 §5): in the terminal, and as a PNG for the managers'
 * alert. Nothing goes through a third-party site (Wechaty's qrcodeValueToImageUrl points at wechaty.js.org, which
 * would see every login code).
 */
import QRCode from 'qrcode';

/** Draws the code on `output` (stderr by default), with its content below for copying. */
export function printQr(qrcode: string, output: NodeJS.WritableStream = process.stderr): void {
  void drawQr(qrcode)
    .then((drawing) => output.write(`${drawing ?? ''}\n微信扫码登录 / scan to log in (code content: ${qrcode})\n`))
    .catch(() => output.write(`微信扫码登录 / scan to log in (code content: ${qrcode})\n`));
}

export async function drawQr(qrcode: string): Promise<string | undefined> {
  try {
    return await QRCode.toString(qrcode, { type: 'terminal', small: true });
  } catch {
    return undefined;
  }
}

/** The code as a PNG: 8 px a module with the standard 4-module quiet zone, well under the WeCom robot's 2 MB. */
export function qrPng(qrcode: string): Promise<Buffer> {
  return QRCode.toBuffer(qrcode, { type: 'png', errorCorrectionLevel: 'M', scale: 8, margin: 4 });
}
