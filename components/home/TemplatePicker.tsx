"use client";
import { Plus } from "lucide-react";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { TEMPLATES, type Template } from "@/lib/templates";

interface TemplatePickerProps {
  busy: boolean;
  /** Returns an error message, or null when the project was created (the page then navigates away). */
  onCreate: (template: Template, name: string) => Promise<string | null>;
  suggestName: (template: Template) => string;
}

/** The "new project" cards, and the small dialog that asks for a name. */
export function TemplatePicker({ busy, onCreate, suggestName }: TemplatePickerProps) {
  const [chosen, setChosen] = useState<Template | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const open = (template: Template) => {
    setChosen(template);
    setName(suggestName(template));
    setError(null);
    setWorking(false);
  };

  return (
    <section aria-labelledby="new-project-heading" className="flex flex-col gap-3">
      <h2 id="new-project-heading" className="text-sm font-semibold text-muted">
        New project
      </h2>
      <ul className="grid gap-3 sm:grid-cols-3">
        {TEMPLATES.map((template) => (
          <li key={template.id}>
            <button
              type="button"
              disabled={busy}
              data-testid={`template-${template.id}`}
              onClick={() => open(template)}
              className="flex h-full w-full flex-col items-start gap-1 rounded-lg border border-border bg-surface-2 p-4 text-left transition hover:border-accent hover:bg-surface-3 disabled:opacity-50"
            >
              <span className="flex items-center gap-2 font-medium">
                <Plus size={15} className="text-accent" aria-hidden />
                {template.name}
              </span>
              <span className="text-sm text-muted">{template.description}</span>
              {template.label ? (
                <span className="mt-1 rounded-full border border-warn/50 px-2 py-0.5 text-xs text-warn">{template.label}</span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      <Dialog open={chosen !== null} onClose={() => setChosen(null)} label="Name the new project" testId="create-dialog" className="w-[min(28rem,92vw)]">
        {chosen ? (
          <form
            className="flex flex-col gap-3 p-5"
            onSubmit={async (event) => {
              event.preventDefault();
              setWorking(true);
              const problem = await onCreate(chosen, name);
              // On success the page is navigating to the new project: keep saying so until it has.
              if (problem !== null) {
                setWorking(false);
                setError(problem);
              }
            }}
          >
            <h2 className="font-semibold">New “{chosen.name}” project</h2>
            <label className="flex flex-col gap-1 text-sm">
              Name
              <input
                autoFocus
                value={name}
                maxLength={120}
                data-testid="create-name"
                onChange={(event) => {
                  setName(event.target.value);
                  setError(null);
                }}
                className="rounded border border-border bg-surface px-2 py-1.5 text-fg outline-none focus:border-accent"
              />
            </label>
            {error ? (
              <p role="alert" className="text-sm text-danger">
                {error}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <button type="button" onClick={() => setChosen(null)} className="rounded border border-border px-3 py-1.5 text-sm hover:bg-surface-3">
                Cancel
              </button>
              <button
                type="submit"
                disabled={working}
                data-testid="create-submit"
                className="rounded bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
              >
                {working ? "Opening…" : "Create"}
              </button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </section>
  );
}
