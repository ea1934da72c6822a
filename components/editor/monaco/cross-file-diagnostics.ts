// Monaco re-checks a TypeScript file only when that file changes. In a project, changing math.ts can break or fix
// main.ts, so after any script changes we re-check the other script files too (debounced), writing markers under
// the same owner Monaco uses so the two never disagree for long.
import type { IDisposable } from "monaco-editor/editor/editor.api";
import { typescript, type Monaco } from "./monaco";

type TextModel = ReturnType<Monaco["editor"]["createModel"]>;
type Diagnostic = Awaited<ReturnType<Awaited<ReturnType<Awaited<ReturnType<typeof typescript.getTypeScriptWorker>>>>["getSemanticDiagnostics"]>>[number];
type MessageChain = Exclude<Diagnostic["messageText"], string>;

const REFRESH_DELAY_MS = 900;
/** Past this many files a full re-check per edit costs more than it is worth; files still check themselves. */
const MAX_REFRESHED_MODELS = 600;

function flatten(text: string | MessageChain, indent = 0): string {
  if (typeof text === "string") return text;
  let result = indent ? `\n${"  ".repeat(indent)}${text.messageText}` : text.messageText;
  for (const next of text.next ?? []) result += flatten(next, indent + 1);
  return result;
}

function isScriptModel(model: TextModel): boolean {
  const language = model.getLanguageId();
  return model.uri.scheme === "file" && (language === "typescript" || language === "javascript");
}

export function refreshDependentDiagnostics(monaco: Monaco): () => void {
  const listeners = new Map<string, IDisposable>();
  const changed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;

  const severity = (category: number) =>
    category === 1
      ? monaco.MarkerSeverity.Error
      : category === 0
        ? monaco.MarkerSeverity.Warning
        : category === 2
          ? monaco.MarkerSeverity.Hint
          : monaco.MarkerSeverity.Info;

  const check = async (model: TextModel, run: number) => {
    const language = model.getLanguageId() as "typescript" | "javascript";
    const defaults = language === "typescript" ? typescript.typescriptDefaults : typescript.javascriptDefaults;
    const getWorker = await (language === "typescript" ? typescript.getTypeScriptWorker() : typescript.getJavaScriptWorker());
    const worker = await getWorker(model.uri);
    const version = model.getVersionId();
    const uri = model.uri.toString();
    const options = defaults.getDiagnosticsOptions();
    const lists = await Promise.all([
      options.noSyntaxValidation ? [] : worker.getSyntacticDiagnostics(uri),
      options.noSemanticValidation ? [] : worker.getSemanticDiagnostics(uri),
      options.noSuggestionDiagnostics ? [] : worker.getSuggestionDiagnostics(uri),
    ]);
    // A newer edit or a newer round supersedes this one (Monaco's own check of an edited file wins).
    if (model.isDisposed() || model.getVersionId() !== version || run !== generation) return;
    const ignore = options.diagnosticCodesToIgnore ?? [];
    const markers = lists
      .flat()
      .filter((d) => !ignore.includes(d.code))
      .map((d) => {
        const start = model.getPositionAt(d.start ?? 0);
        const end = model.getPositionAt((d.start ?? 0) + (d.length ?? 1));
        return {
          severity: severity(d.category),
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
          message: flatten(d.messageText),
          code: String(d.code),
        };
      });
    monaco.editor.setModelMarkers(model, language, markers);
  };

  const refresh = () => {
    timer = null;
    const run = ++generation;
    const skip = new Set(changed); // Monaco checks the edited files itself
    changed.clear();
    const models = monaco.editor.getModels().filter((m) => isScriptModel(m) && !skip.has(m.uri.toString()));
    for (const model of models.slice(0, MAX_REFRESHED_MODELS)) void check(model, run).catch(() => undefined);
  };

  const watch = (model: TextModel) => {
    if (!isScriptModel(model)) return;
    const key = model.uri.toString();
    listeners.get(key)?.dispose();
    listeners.set(
      key,
      model.onDidChangeContent(() => {
        changed.add(key);
        if (timer) clearTimeout(timer);
        timer = setTimeout(refresh, REFRESH_DELAY_MS);
      }),
    );
  };

  for (const model of monaco.editor.getModels()) watch(model);
  const created = monaco.editor.onDidCreateModel((model) => {
    watch(model);
    // A new file can resolve an import elsewhere ("Cannot find module './x'" goes away).
    if (isScriptModel(model)) {
      changed.add(model.uri.toString());
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_DELAY_MS);
    }
  });
  const removed = monaco.editor.onWillDisposeModel((model) => {
    const key = model.uri.toString();
    listeners.get(key)?.dispose();
    listeners.delete(key);
    if (isScriptModel(model)) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_DELAY_MS);
    }
  });
  return () => {
    generation++;
    if (timer) clearTimeout(timer);
    created.dispose();
    removed.dispose();
    for (const listener of listeners.values()) listener.dispose();
    listeners.clear();
  };
}
