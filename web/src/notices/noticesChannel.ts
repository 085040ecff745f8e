/** The BroadcastChannel the tabs of this hub (one origin, one browser profile) talk about notices on. */
export const NOTICES_CHANNEL = 'ourcustomer.notices';

/** What a tab says: the unread count it now has. */
export interface NoticesMessage {
  unread: number;
}

export interface NoticesChannel {
  /** Tells the other tabs this tab's unread count changed. */
  announce: (unread: number) => void;
  close: () => void;
}

const quiet: NoticesChannel = { announce: () => undefined, close: () => undefined };

/**
 * Opens the notices channel: `onOtherTab` hears the count another tab announces (never this tab's own).
 * Where the browser has no BroadcastChannel (or refuses one), a quiet channel: each tab keeps polling on its own.
 */
export function openNoticesChannel(onOtherTab: (unread: number) => void): NoticesChannel {
  if (typeof BroadcastChannel === 'undefined') return quiet;
  let channel: BroadcastChannel;
  try {
    channel = new BroadcastChannel(NOTICES_CHANNEL);
  } catch {
    return quiet;
  }
  channel.onmessage = (event: MessageEvent<Partial<NoticesMessage> | null>) => {
    const unread = event.data?.unread;
    if (typeof unread === 'number') onOtherTab(unread);
  };
  return {
    announce: (unread) => {
      try {
        channel.postMessage({ unread } satisfies NoticesMessage);
      } catch {
        // Closed meanwhile: nobody to tell.
      }
    },
    close: () => channel.close(),
  };
}
