import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Activity } from '../../src/sdk/activity.js';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The Playground's own CLI (devDependency @microsoft/m365agentsplayground), run with this Node. */
const CLI = path.resolve('node_modules/@microsoft/m365agentsplayground/cli.js');
/** Browsers and the Playground are slow on a loaded machine: how long to wait for something to show. */
export const PATIENCE = { timeout: 90_000, interval: 250 };

/** One line of the Playground's log panel: an activity it posted to the bot, or one the bot posted to it. */
export interface PlaygroundLog {
  activityName: string;
  from: string;
  to: string;
  messageId: string;
  request: { body: Activity };
  response?: { statusCode: number; body?: unknown };
}

const PLAYGROUND = 'Microsoft 365 Agents Playground';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * Microsoft's Teams emulator in a process of its own, pointed at a bot, with its own connector
 * (replies are POSTed to it as Teams' connector takes them). A fresh personal conversation id per
 * start, so every run begins with an installation and a welcome.
 */
export class AgentsPlayground {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly output: string[],
  ) {}

  static async start(botUrl: string): Promise<AgentsPlayground> {
    const args = [CLI, '--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--port', String(await freePort())];
    args.push('--disable-telemetry', '--conversation-id', `playground-${process.pid}-${Date.now()}`);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const listening = new Promise<number>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output.push(chunk.toString());
        const port = /Listening on (\d+)/.exec(output.join(''))?.[1];
        if (port) resolve(Number(port));
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`the Agents Playground exited (${code}) before listening:\n${output.join('')}`)));
    });
    const port = await listening;
    return new AgentsPlayground(child, `http://127.0.0.1:${port}/`, output);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** The activity's words: its text, or its cards' fallback text. */
export function said(activity: Partial<Activity>): string {
  const cards = (activity.attachments ?? []).map((a) => (a.content as { fallbackText?: string } | undefined)?.fallbackText ?? '');
  return [activity.text ?? '', ...cards].join('\n');
}

/**
 * The Playground's web page in headless Chromium, driven as a person would: typing in the compose
 * box, picking the bot from the @ list, clicking card buttons. What went over the wire is read
 * from the page's own log stream (the log panel's WebSocket), where each activity the Playground
 * posted to the bot appears once the bot has answered the HTTP request, after the replies of
 * that turn: so "no reply" can be checked without waiting for time to pass.
 */
export class PlaygroundPage {
  readonly log: PlaygroundLog[] = [];
  readonly pageErrors: string[] = [];

  private constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<PlaygroundPage> {
    const playground = new PlaygroundPage(page);
    page.on('pageerror', (error) => playground.pageErrors.push(error.message));
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => {
        let parsed: { logAction?: string; log?: Partial<PlaygroundLog> };
        try {
          parsed = JSON.parse(String(frame.payload)) as typeof parsed;
        } catch {
          return;
        }
        if (parsed.logAction === 'appendLog' && parsed.log?.activityName && parsed.log.request) playground.log.push(parsed.log as PlaygroundLog);
      }),
    );
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return playground;
  }

  /** Activities the Playground posted to the bot (with the bot's HTTP status), in order. */
  get incoming(): PlaygroundLog[] {
    return this.log.filter((l) => l.from === PLAYGROUND);
  }

  /** Activities the bot posted to the Playground's connector, in order. */
  get outgoing(): PlaygroundLog[] {
    return this.log.filter((l) => l.to === PLAYGROUND);
  }

  /** What the bot posted in reply to one incoming activity. */
  repliesTo(incoming: Partial<Activity>): Activity[] {
    return this.outgoing.map((l) => l.request.body).filter((a) => a.replyToId === incoming.id);
  }

  /**
   * Opens a conversation from the left column ("Group Chat", or a channel: "General") for the first
   * time, and waits until the bot has answered the installation the Playground then posts (the
   * bot's hello is sent by then).
   */
  async openConversation(name: string): Promise<void> {
    const before = this.incoming.length;
    await this.page.getByText(name, { exact: true }).first().click();
    await expect.poll(() => this.incoming.slice(before).some((l) => l.activityName === 'conversationUpdate'), PATIENCE).toBe(true);
  }

  /** Waits for the bot's welcome to the installation (the first message it posts). */
  async installed(): Promise<Activity> {
    await expect.poll(() => this.outgoing.length, PATIENCE).toBeGreaterThan(0);
    return this.outgoing[0]!.request.body;
  }

  /**
   * Types a message in the compose box (the last one on the page: in a channel, the reply box of
   * the last thread) and sends it; `mention` picks the bot from the @ list at the start or after
   * the first words. Resolves with the activity the bot received, once it has answered it.
   */
  say(text: string, options?: { mention?: 'start' | 'middle'; box?: 'reply' | 'newPost' }): Promise<Activity>;
  /** With `wait: false`, does not wait for the bot to get it (in a shared conversation, it may never). */
  say(text: string, options: { mention?: 'start' | 'middle'; box?: 'reply' | 'newPost'; wait: false }): Promise<undefined>;
  async say(text: string, options: { mention?: 'start' | 'middle'; box?: 'reply' | 'newPost'; wait?: false } = {}): Promise<Activity | undefined> {
    // In a channel the first editor is "Start a new post", the others reply in a thread.
    const box = options.box === 'newPost' ? this.page.getByRole('textbox').first() : this.page.getByRole('textbox').last();
    await box.click();
    const words = text.split(' ');
    const cut = options.mention === 'middle' ? Math.max(1, Math.floor(words.length / 2)) : 0;
    const before = words.slice(0, cut).join(' ');
    if (before) await this.page.keyboard.type(`${before} `);
    if (options.mention) await this.mentionBot();
    await this.page.keyboard.type(words.slice(cut).join(' '));
    const send = () => (options.box === 'newPost' ? this.page.getByRole('button', { name: 'Post', exact: true }).click() : this.page.keyboard.press('Enter'));
    if (options.wait === false) {
      await send();
      return undefined;
    }
    return this.sendAndWait(send);
  }

  /** Clicks the last card button with this title; resolves with the activity the click sent, once the bot answered it. */
  click(title: string): Promise<Activity> {
    return this.sendAndWait(() => this.page.getByRole('button', { name: title, exact: true }).last().click());
  }

  /**
   * Opens the compose box's search (Search Command, with the manifest's command id and parameter
   * name, which the Playground cannot read from the app package) and searches `text`. Resolves
   * with the invoke's result and the titles the Playground lists.
   */
  async search(text: string, commandId: string, parameter: string): Promise<{ result: Activity; status: number; body: unknown }> {
    await this.page.getByRole('button', { name: 'Trigger Message Extension App' }).last().click();
    await this.page.getByText('Search Command', { exact: true }).click();
    await this.page.getByText('Specify Command ID or Parameter').click();
    await this.page.getByPlaceholder('Command ID').fill(commandId);
    await this.page.getByPlaceholder('Parameter name').fill(parameter);
    const before = this.incoming.length;
    await this.page.getByPlaceholder('Enter a search term').fill(text);
    await this.page.keyboard.press('Enter');
    await expect.poll(() => this.incoming.slice(before).some((l) => l.activityName === 'invoke' && l.response), PATIENCE).toBe(true);
    const invoke = this.incoming.slice(before).find((l) => l.activityName === 'invoke')!;
    return { result: invoke.request.body, status: invoke.response!.statusCode, body: invoke.response!.body };
  }

  /** The compose-box search dialog, while it is open. */
  private get searchDialog() {
    return this.page.locator('div', { has: this.page.getByPlaceholder('Enter a search term') }).filter({ hasText: 'Search-Based Message Extension' }).last();
  }

  /** Waits until the search dialog lists a result with this title. */
  async resultShown(title: string): Promise<void> {
    await this.searchDialog.getByText(title, { exact: true }).first().waitFor({ timeout: PATIENCE.timeout });
  }

  /** Picks a search result by its title (the card goes into the compose box), then sends the message. */
  insertResult(title: string): Promise<Activity> {
    return this.sendAndWait(async () => {
      await this.searchDialog.getByText(title, { exact: true }).first().click();
      await this.page.getByRole('button', { name: 'Send Message' }).last().click();
    });
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, fullPage: true });
  }

  private async mentionBot(): Promise<void> {
    await this.page.keyboard.type('@');
    await this.page.getByRole('menuitem', { name: /Test Bot/ }).first().click();
    await this.page.keyboard.type(' ');
  }

  private async sendAndWait(act: () => Promise<unknown>): Promise<Activity> {
    const before = this.incoming.length;
    await act();
    await expect.poll(() => this.incoming.slice(before).find((l) => l.activityName === 'message' && l.response), PATIENCE).toBeDefined();
    return this.incoming.slice(before).find((l) => l.activityName === 'message' && l.response)!.request.body;
  }
}
