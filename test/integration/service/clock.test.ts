/**
 * Time-driven behaviour with an injected clock (the `now` option of startService): 30-day expiry and the
 * daily CreateJob quota. The SDK client signs with the same shifted clock (`systemClockOffset`), as a user
 * whose machine has the right time would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_A,
  manifest,
  sdkClient,
  sdkError,
  startTestService,
  type TestService,
} from '../../helpers/service';

const DAY_MS = 24 * 60 * 60 * 1000;

const ADDRESS = {
  name: 'Jane Roe',
  company: 'Example Corp.',
  street1: '123 Any Street',
  city: 'Anytown',
  stateOrProvince: 'WA',
  postalCode: '91011-1111',
  phoneNumber: '206-555-1111',
  country: 'USA',
};

/** A clock the test moves by hand, and an SDK client kept in step with it. */
class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number, ...clients: Array<ReturnType<typeof sdkClient>>): void {
    this.offsetMs += ms;
    for (const c of clients) c.config.update({ systemClockOffset: this.offsetMs });
  }
}

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

describe('job expiry (30 days without a device)', () => {
  it('is still Pending at 29 days, Expired at 31, and then refuses update, cancel and labels', async () => {
    const clock = new TestClock();
    service = await startTestService({ now: clock.now });
    const a = sdkClient(service, ACCOUNT_A);
    const created = await a
      .createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
      .promise();
    const id = created.JobId ?? '';

    clock.advance(29 * DAY_MS, a);
    expect((await a.getStatus({ JobId: id }).promise()).ProgressCode).toBe('Pending');

    clock.advance(2 * DAY_MS, a);
    const s = await a.getStatus({ JobId: id }).promise();
    expect(s.ProgressCode).toBe('Expired');
    expect(s.ProgressMessage).toBe('The job expired.');
    expect(s.LocationCode).toBe('NotReceived');

    for (const call of [
      a
        .updateJob({ JobId: id, JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false })
        .promise(),
      a.cancelJob({ JobId: id }).promise(),
      a.getShippingLabel({ jobIds: [id], ...ADDRESS }).promise(),
    ]) {
      const e = await sdkError(call);
      expect(e.code).toBe('ExpiredJobIdException');
      expect(e.statusCode).toBe(400);
      expect(e.message).toContain(id);
    }
  });

  it('judges request freshness by the service clock, so an unshifted client is refused', async () => {
    const clock = new TestClock();
    service = await startTestService({ now: clock.now });
    clock.advance(DAY_MS);
    const stale = sdkClient(service, ACCOUNT_A);
    const e = await sdkError(stale.listJobs({}).promise());
    expect(e.code).toBe('RequestExpired');
    expect(e.statusCode).toBe(400);
  });
});

describe('daily CreateJob quota', () => {
  it('counts per day: the next day the account may create jobs again', async () => {
    const clock = new TestClock();
    // Start at a fixed UTC noon, so one day later is surely a new UTC day whichever window the service uses.
    const noon = Date.UTC(2030, 0, 15, 12, 0, 0);
    clock.advance(noon - Date.now());
    service = await startTestService({ now: clock.now, config: { createJobDailyQuota: 2 } });
    const a = sdkClient(service, ACCOUNT_A, { systemClockOffset: noon - Date.now() });
    const create = () =>
      a.createJob({ JobType: 'Import', Manifest: manifest('s3-import'), ValidateOnly: false }).promise();
    await create();
    await create();
    expect((await sdkError(create())).code).toBe('CreateJobQuotaExceededException');
    clock.advance(DAY_MS + 60_000, a);
    expect((await create()).JobId).toBeTruthy();
  });
});
