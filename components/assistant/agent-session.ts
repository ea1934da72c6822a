// One chat with the pair programmer: the AI SDK Chat, the browser tool runner, per-turn checkpoints, usage, budgets,
// Stop and Retry. The panel renders it through useChat({ chat }) and the small store below.
import { nanoid } from "nanoid";
import { Chat } from "@ai-sdk/react";
import { lastAssistantMessageIsCompleteWithToolCalls, type ChatTransport, type UIMessageChunk } from "ai";
import { createStore, type StoreApi } from "zustand/vanilla";
import { budgetExceeded } from "@/lib/agent/budget";
import { Checkpoints, type SnapshotStore } from "@/lib/agent/checkpoints";
import { saveChat, titleFrom, type ChatRecord } from "@/lib/agent/client/chat-persistence";
import type { AgentSettings } from "@/lib/agent/client/settings";
import { notifyLater } from "@/lib/agent/client/notify-later";
import { ServerCopy } from "@/lib/agent/client/server-copy";
import { createAgentTransport } from "@/lib/agent/client/transport";
import { parseAgentError, type AgentError } from "@/lib/agent/errors";
import type { AgentUIMessage, ContextData, StepUsage } from "@/lib/agent/protocol";
import { Recorder } from "@/lib/agent/recording";
import type { AgentEnvironment } from "@/lib/agent/tools/runner";
import { ToolRunner } from "@/lib/agent/tools/runner";
import { ToolScheduler } from "@/lib/agent/tools/scheduler";
import { addStep, emptyTotals, sumTotals, type UsageTotals } from "@/lib/agent/usage";
import { deleteSnapshots, listSnapshots, loadSnapshot, saveSnapshot } from "@/lib/persistence/snapshots";

export interface ToolActivity {
  startedAt: number;
  endedAt?: number;
  /** Live output of a running command. */
  output?: string;
}

export interface SessionState {
  turns: Record<string, UsageTotals>;
  session: UsageTotals;
  tools: Record<string, ToolActivity>;
  /** Why the loop stopped on its own (budget, step limit, Stop), shown under the last message. */
  notice: string | null;
  error: AgentError | null;
  /** When Retry becomes useful (retry-after), ms since the epoch. */
  retryAt: number | null;
  /** The turn whose checkpoint was restored last (for "Undo restore"). */
  restoredTurn: string | null;
  /** Turns that can be restored (follows the checkpoints, including those read back after a reload). */
  checkpointTurns: readonly string[];
}

export interface SessionOptions {
  record: ChatRecord;
  env: AgentEnvironment;
  getSettings: () => AgentSettings;
  /** A replay transport for the demo; otherwise the chat route. */
  transport?: ChatTransport<AgentUIMessage>;
  /** Told after each save (the panel's chat list shows titles). */
  onSaved?: (record: ChatRecord) => void;
}

const STOPPED = "Stopped by the user.";

export class AgentSession {
  readonly chat: Chat<AgentUIMessage>;
  readonly store: StoreApi<SessionState>;
  readonly checkpoints: Checkpoints;
  readonly recorder = new Recorder();
  private readonly runner: ToolRunner;
  private scheduler = new ToolScheduler();
  private tools = new AbortController();
  private stopped = false;
  /** Chunks of the request in flight began a new step (so a failure left a partial step to drop on Retry). */
  private stepOpen = false;
  private record: ChatRecord;
  /** What the server holds of this chat: each request sends only what it lacks. Saved with the record. */
  private readonly serverCopy: ServerCopy;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribeProject: () => void;

  constructor(private readonly options: SessionOptions) {
    this.record = options.record;
    this.serverCopy = new ServerCopy(options.record.serverParts);
    this.runner = new ToolRunner(options.env);
    this.checkpoints = new Checkpoints(options.env.project, chatSnapshotStore(options.record.projectId, options.record.id));
    // The panel hears of changes a task later: tool activity during a step must not render inside the tool loop.
    this.store = notifyLater(createStore<SessionState>(() => ({
      turns: options.record.usage.turns,
      session: options.record.usage.session,
      // Finished calls keep their durations across a reload.
      tools: { ...options.record.toolTimes },
      notice: null,
      error: null,
      retryAt: null,
      restoredTurn: null,
      checkpointTurns: [],
    })));
    this.checkpoints.subscribe(() =>
      this.store.setState({ restoredTurn: this.checkpoints.lastRestore()?.turnId ?? null, checkpointTurns: this.checkpoints.turnIds() }),
    );
    void this.checkpoints.hydrate().catch((error: unknown) => console.warn("Could not read this chat's checkpoints", error));
    const onChunk = (chunk: UIMessageChunk) => {
      this.recorder.chunk(chunk);
      if (chunk.type === "start-step") this.stepOpen = true;
      if (chunk.type === "finish-step") this.stepOpen = false;
    };
    const transport = options.transport ? tee(options.transport, onChunk) : createAgentTransport({
      projectId: options.record.projectId,
      chatSecret: options.record.secret,
      serverCopy: this.serverCopy,
      getSettings: () => {
        const s = options.getSettings();
        return { model: s.model, ...(s.apiKey ? { apiKey: s.apiKey } : {}) };
      },
      onChunk,
    });
    this.chat = new Chat<AgentUIMessage>({
      id: options.record.id,
      messages: options.record.messages,
      transport,
      onToolCall: ({ toolCall }) => {
        void this.runTool(toolCall.toolName, toolCall.toolCallId, toolCall.input);
      },
      sendAutomaticallyWhen: ({ messages }) => this.shouldContinue(messages),
      onData: (part) => {
        if (part.type === "data-usage") this.addUsage(part.data);
      },
      onFinish: ({ isAbort, isError, finishReason }) => {
        if (!isAbort && !isError) this.store.setState({ error: null, retryAt: null });
        // The end of an answer is saved at once (a reload right after it keeps it; a write started on pagehide may
        // not finish). Between tool steps the loop goes on, and writing the whole chat there would sit in its way.
        if (finishReason === "tool-calls") this.scheduleSave();
        else this.flushSave();
      },
      onError: (error) => {
        const parsed = parseAgentError(error.message);
        this.store.setState({ error: parsed, retryAt: parsed.retryAfter ? Date.now() + parsed.retryAfter * 1000 : null });
        this.scheduleSave();
      },
    });
    this.unsubscribeProject = options.env.project.subscribe((event) => this.recorder.fileChange(event));
    // A reload right after an answer must not lose it to the save's debounce.
    if (typeof window !== "undefined") window.addEventListener("pagehide", this.onPageHide);
  }

  /** Sends a person's message, taking the turn's checkpoint first. */
  async send(text: string, context: ContextData[] = []): Promise<void> {
    const id = nanoid();
    this.stopped = false;
    this.tools = new AbortController();
    this.store.setState({ notice: null, error: null, retryAt: null });
    this.checkpoints.begin(id);
    const message: AgentUIMessage = {
      id,
      role: "user",
      metadata: { createdAt: Date.now() },
      parts: [{ type: "text", text }, ...context.map((data) => ({ type: "data-context" as const, data }))],
    };
    this.recorder.userMessage(message);
    await this.chat.sendMessage(message);
  }

  /** Ends the stream and any running tool. Writes are atomic, so nothing is left half-written. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.tools.abort();
    await this.chat.stop();
    // Calls that never got a result are closed as errors, so the transcript (and the next request) stays consistent.
    this.chat.messages = this.chat.messages.map((m, i, all) =>
      i !== all.length - 1 || m.role !== "assistant"
        ? m
        : ({
            ...m,
            parts: m.parts.map((p) =>
              "toolCallId" in p && (p.state === "input-streaming" || p.state === "input-available")
                ? { ...p, state: "output-error", errorText: STOPPED, input: p.input ?? {} }
                : p,
            ),
          } as AgentUIMessage),
    );
    this.store.setState({ notice: STOPPED });
    this.scheduleSave();
  }

  /** Sends the conversation again after an error, dropping the step the error cut short (already-applied tool
   * results of earlier steps stay). */
  async retry(): Promise<void> {
    this.stopped = false;
    this.tools = new AbortController();
    const messages = [...this.chat.messages];
    const last = messages.at(-1);
    if (last?.role === "assistant" && this.stepOpen) {
      const cut = last.parts.map((p) => p.type).lastIndexOf("step-start");
      const parts = cut === -1 ? [] : last.parts.slice(0, cut);
      if (parts.length === 0) messages.pop();
      else messages[messages.length - 1] = { ...last, parts };
    }
    this.stepOpen = false;
    this.chat.messages = messages;
    this.chat.clearError();
    this.store.setState({ error: null, retryAt: null, notice: null });
    await this.chat.sendMessage();
  }

  /** The panel shows "Undo restore" from `restoredTurn`, which follows the checkpoints. */
  restoreCheckpoint(turnId: string): Promise<number | null> {
    return this.checkpoints.restore(turnId);
  }

  undoRestore(): Promise<number | null> {
    return this.checkpoints.undoRestore();
  }

  dispose(): void {
    this.tools.abort();
    void this.chat.stop();
    this.unsubscribeProject();
    if (typeof window !== "undefined") window.removeEventListener("pagehide", this.onPageHide);
    this.flushSave();
  }

  private readonly onPageHide = (): void => this.flushSave();

  private currentTurn(messages: readonly AgentUIMessage[] = this.chat.messages): string | null {
    for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === "user") return messages[i]!.id;
    return null;
  }

  private shouldContinue(messages: AgentUIMessage[]): boolean {
    if (this.stopped || !lastAssistantMessageIsCompleteWithToolCalls({ messages })) return false;
    const turn = this.currentTurn(messages);
    const reason = budgetExceeded(turn ? (this.store.getState().turns[turn] ?? emptyTotals()) : emptyTotals(), this.options.getSettings().budget);
    if (reason) {
      this.store.setState({ notice: reason });
      return false;
    }
    return true;
  }

  private addUsage(step: StepUsage): void {
    const turn = this.currentTurn() ?? "none";
    const state = this.store.getState();
    const turns = { ...state.turns, [turn]: addStep(state.turns[turn] ?? emptyTotals(), step) };
    this.store.setState({ turns, session: addStep(state.session, step) });
  }

  private async runTool(toolName: string, toolCallId: string, input: unknown): Promise<void> {
    const signal = this.tools.signal;
    const setActivity = (patch: Partial<ToolActivity>) =>
      this.store.setState((s) => ({ tools: { ...s.tools, [toolCallId]: { ...(s.tools[toolCallId] ?? { startedAt: Date.now() }), ...patch } } }));
    setActivity({ startedAt: Date.now() }); // queued: counts as pending for Stop
    const result = await this.scheduler.schedule(toolName, async () => {
      setActivity({ startedAt: Date.now() });
      return this.runner.run(toolName, input, {
        toolCallId,
        signal,
        onOutput: (text) => setActivity({ output: ((this.store.getState().tools[toolCallId]?.output ?? "") + text).slice(-4000) }),
      });
    });
    setActivity({ endedAt: Date.now() });
    this.recorder.toolOutput(toolCallId, toolName, result);
    if (signal.aborted) return; // Stop already closed this call
    // Not awaited inside onToolCall (see the AI SDK notes): the chat continues once every call has its output.
    if (result.ok) void this.chat.addToolOutput({ tool: toolName as never, toolCallId, output: result.output as never });
    else void this.chat.addToolOutput({ tool: toolName as never, toolCallId, state: "output-error", errorText: result.error });
    this.scheduleSave();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushSave(), 300);
  }

  private flushSave(): void {
    clearTimeout(this.saveTimer);
    const state = this.store.getState();
    const toolTimes: NonNullable<ChatRecord["toolTimes"]> = {};
    for (const [id, t] of Object.entries(state.tools)) if (t.endedAt !== undefined) toolTimes[id] = { startedAt: t.startedAt, endedAt: t.endedAt };
    this.record = {
      ...this.record,
      title: this.record.title === "New chat" ? (titleFrom(this.chat.messages) ?? this.record.title) : this.record.title,
      updatedAt: Date.now(),
      messages: this.chat.messages,
      usage: { session: state.session, turns: state.turns },
      serverParts: this.serverCopy.toJSON(),
      toolTimes,
    };
    const record = this.record;
    void saveChat(record)
      .then(() => this.options.onSaved?.(record))
      .catch((error) => console.warn("Could not save the chat", error));
  }
}

/** A chat's checkpoints in the project's snapshot store (IndexedDB), under ids of its own. */
export function chatSnapshotStore(projectId: string, chatId: string): SnapshotStore {
  const prefix = `chat:${chatId}:`;
  return {
    save: (id, snapshot) => saveSnapshot(projectId, prefix + id, snapshot),
    load: (id) => loadSnapshot(projectId, prefix + id),
    list: async (p) => (await listSnapshots(projectId, prefix + p)).map((s) => ({ ...s, id: s.id.slice(prefix.length) })),
    delete: (ids) => deleteSnapshots(projectId, ids.map((id) => prefix + id)),
  };
}

/** Forgets a deleted chat's checkpoints. */
export async function deleteChatCheckpoints(projectId: string, chatId: string): Promise<void> {
  const store = chatSnapshotStore(projectId, chatId);
  await store.delete((await store.list("")).map((s) => s.id));
}

export function turnTotals(state: SessionState, turnId: string): UsageTotals {
  return state.turns[turnId] ?? emptyTotals();
}

export { sumTotals };

function tee(transport: ChatTransport<AgentUIMessage>, onChunk: (chunk: UIMessageChunk) => void): ChatTransport<AgentUIMessage> {
  return {
    sendMessages: async (args) =>
      (await transport.sendMessages(args)).pipeThrough(
        new TransformStream<UIMessageChunk, UIMessageChunk>({
          transform(chunk, controller) {
            onChunk(chunk);
            controller.enqueue(chunk);
          },
        }),
      ),
    reconnectToStream: (args) => transport.reconnectToStream(args),
  };
}
