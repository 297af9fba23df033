"use client";

import dynamic from "next/dynamic";
import { useState, type ComponentProps } from "react";
import type { Dialog } from "./dialog";

const LazyDialog = dynamic(() => import("./dialog").then((m) => m.Dialog));

/**
 * Whether a dialog that starts closed should be mounted: not before it first opens (so its code
 * is fetched then, not on the first load), and from then on always, so closing goes through the
 * native dialog and focus returns to the opener.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

/** A Dialog for surfaces that start closed on the studio's first paint (shortcuts, the engine how-to). */
export function Modal(props: ComponentProps<typeof Dialog>) {
  return useOpenedOnce(props.open) ? <LazyDialog {...props} /> : null;
}
