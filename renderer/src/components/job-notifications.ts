/**
 * Desktop notifications for job changes in the browser (the station host). Electron's main process shows
 * its own native notification, so there the page only keeps its in-page toast.
 */
import type { JobChange } from '../../../electron/shared/contract';

export type NotificationAccess = 'granted' | 'denied' | 'default' | 'unsupported';

export function notificationAccess(): NotificationAccess {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return window.Notification.permission;
}

/** Needs a user gesture in most browsers: call it from a click. */
export async function askForNotifications(): Promise<NotificationAccess> {
  if (notificationAccess() === 'unsupported') return 'unsupported';
  return window.Notification.requestPermission();
}

export function notificationTitle(change: JobChange): string {
  return change.location === 'Returned' ? `Job ${change.jobId} is on its way back` : `Job ${change.jobId}`;
}

/** The body: the change in words, and for a returned device the carrier and tracking number on their own line. */
export function notificationBody(change: JobChange): string {
  const lines = [change.message];
  if (change.trackingNumber && !change.message.includes(change.trackingNumber)) {
    lines.push(`${change.carrier ?? 'Carrier'} tracking number ${change.trackingNumber}`);
  }
  return lines.join('\n');
}

/**
 * Shows a Web Notification when permitted; returns whether it did (the toast is shown either way, so the
 * change is never missed when notifications are off). Clicking opens the carrier's tracking page.
 */
export function showDesktopNotification(change: JobChange): boolean {
  if (notificationAccess() !== 'granted') return false;
  try {
    const note = new window.Notification(notificationTitle(change), {
      body: notificationBody(change),
      tag: `dockhand-${change.jobId}-${change.location}-${change.progress}`,
    });
    note.onclick = () => {
      if (change.trackingUrl && change.trackingUrl.startsWith('https://')) {
        window.open(change.trackingUrl, '_blank', 'noopener,noreferrer');
      } else window.focus();
    };
    return true;
  } catch {
    // Some browsers allow Notification only from a service worker; the toast still shows.
    return false;
  }
}
