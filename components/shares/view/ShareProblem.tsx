"use client";
import Link from "next/link";
import { Ban } from "lucide-react";

/** What a viewer sees when a share cannot open: what happened and what to do, never a blank page. */
export function ShareProblem({ code, title, message }: { code: string; title: string; message: string }) {
  return (
    <div className="flex h-dvh items-center justify-center bg-surface p-6 text-fg">
      <div role="alert" data-testid="share-problem" data-code={code} className="max-w-md text-center">
        <Ban size={28} className="mx-auto mb-3 text-muted" aria-hidden />
        <h1 className="mb-2 text-base font-semibold">{title}</h1>
        <p className="mb-5 text-sm text-muted">{message}</p>
        <Link href="/" className="rounded bg-accent px-3 py-1.5 text-sm text-accent-fg">
          Go to your projects
        </Link>
      </div>
    </div>
  );
}
