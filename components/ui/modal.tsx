"use client";

import dynamic from "next/dynamic";
import { useState, type ComponentProps } from "react";
import type { Dialog } from "./dialog";

const LazyDialog = dynamic(() => import("./dialog").then((m) => m.Dialog));

/**
 * A Dialog for surfaces that start closed on the studio's first paint (projects, shortcuts, the
 * engine how-to): nothing is mounted, and no code fetched, until it first opens, so the first
 * load carries none of it. From then on it stays mounted and closes as Dialog does, focus
 * returned to the opener.
 */
export function Modal(props: ComponentProps<typeof Dialog>) {
  const [opened, setOpened] = useState(props.open);
  if (props.open && !opened) setOpened(true);
  return opened ? <LazyDialog {...props} /> : null;
}
