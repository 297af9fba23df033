"use client";

import { useRouter } from "next/navigation";

/**
 * A link inside the app that navigates without a reload, as next/link does, without next/link's
 * ~4 kB of prefetching machinery in the studio bundle: the studio links only to its own start page.
 * Modified clicks (new tab, new window) stay the browser's.
 */
export function AppLink({ href, onClick, ...props }: React.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const router = useRouter();
  return (
    <a
      href={href}
      {...props}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        router.push(href);
      }}
    />
  );
}
