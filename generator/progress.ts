/**
 * Progress on a terminal for long work: a spinner line that appears only after
 * a second (short runs stay quiet) and is erased when the work ends. Off when
 * stderr is not a TTY (CI logs get no control characters).
 */
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface Progress {
  update(text: string): void;
  done(): void;
}

export function startProgress(stream: NodeJS.WriteStream = process.stderr, delayMs = 1000): Progress {
  if (!stream.isTTY || process.env.CI) return { update() {}, done() {} };
  let text = "";
  let frame = 0;
  let shown = false;
  const draw = (): void => {
    shown = true;
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  };
  let timer: NodeJS.Timeout | undefined;
  const delay = setTimeout(() => {
    draw();
    timer = setInterval(draw, 80);
    timer.unref();
  }, delayMs);
  delay.unref();
  return {
    update(next) {
      text = next;
    },
    done() {
      clearTimeout(delay);
      if (timer) clearInterval(timer);
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
