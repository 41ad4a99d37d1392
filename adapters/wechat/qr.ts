/**
 * Draws a login QR code in the terminal. Uses the `qrcode` package that Wechaty already brings in (through file-box),
 * loaded at run time so a missing copy only costs the drawing: the URL is always printed, and opening it in a
 * browser shows the same code.
 */
interface QrCodeModule {
  toString(text: string, options: { type: 'terminal'; small?: boolean }): Promise<string>;
}

export function printQr(url: string, qrcode: string, output: NodeJS.WritableStream = process.stderr): void {
  void drawQr(qrcode)
    .then((drawing) => output.write(`${drawing ?? ''}\n微信扫码登录 / scan to log in: ${url}\n`))
    .catch(() => output.write(`微信扫码登录 / scan to log in: ${url}\n`));
}

export async function drawQr(qrcode: string): Promise<string | undefined> {
  try {
    // A computed specifier: the package has no types of its own and is not a direct dependency.
    const name = 'qrcode';
    const mod = (await import(name)) as { default?: QrCodeModule } & Partial<QrCodeModule>;
    const lib = mod.default ?? (mod as QrCodeModule);
    return await lib.toString(qrcode, { type: 'terminal', small: true });
  } catch {
    return undefined;
  }
}
