/**
 * Signing in through the dashboard, on the server itself (not the harness's signed-in
 * proxy): the sign-in page, a wrong password, the one-time password replaced before
 * anything else, the navigation of each role, the Audit page, sign-out, and the automatic
 * logoff after 15 minutes without activity (on Playwright's fake clock: no waiting).
 * Screenshots at 1024 and 1440 px in test-output/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resetPassword } from '../../server/auth/users.ts';
import { ensureTestUser, TEST_PASSWORD } from '../helpers/testUsers.ts';
import { e2eAppForFile, SCREENSHOTS, settled } from './harness.ts';

const app = e2eAppForFile({ seed: false });

async function fresh(width = 1440): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1024, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, `auth-${name}-${width}.png`), fullPage: true });
  }
}

async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const navLabels = (page: Page) => page.locator('nav.nav a').allTextContents();

describe('sign-in', () => {
  it('shows the sign-in page to a browser without a session, and says so on a wrong password', async () => {
    const page = await fresh();
    await page.goto(`${app.directUrl}/scorecard`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('nav.nav').count()).toBe(0);
    await shoot(page, 'sign-in');
    await ensureTestUser(app.server.db, 'viewer');
    await signIn(page, 'test-viewer', 'not the password at all');
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').textContent()).toBe('wrong user name or password');
    await page.context().close();
  });

  it('asks for a new password after a one-time one, before anything else, then shows every page to the admin', async () => {
    const oneTime = (await resetPassword(app.server.db, 'admin', undefined, new Date()))!;
    const page = await fresh();
    await page.goto(`${app.directUrl}/scorecard`);
    await signIn(page, 'admin', oneTime);
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await shoot(page, 'set-password');
    await page.getByLabel('One-time password').fill(oneTime);
    await page.getByLabel('New password', { exact: true }).fill('an admin passphrase of my own');
    await page.getByLabel('New password again').fill('an admin passphrase of my own');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByTestId('user-menu').waitFor();
    expect(await navLabels(page)).toEqual(['Scorecard', 'Intraday', 'Forecast', 'Staffing', 'Capacity', 'Calendar', 'Cases', 'Compliance', 'Data', 'Definitions', 'Users', 'Audit']);
    expect(await page.getByTestId('user-menu').textContent()).toContain('admin (admin)');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('users-table').waitFor();
    await page.locator('form[aria-label="Add a user"] input[name="name"]').fill('casey');
    await page.locator('form[aria-label="Add a user"] select[name="role"]').selectOption('planner');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByTestId('users-message').waitFor();
    expect(await page.getByTestId('users-message').textContent()).toMatch(/^Added casey \(planner\)\. One-time password, shown once: [A-Za-z0-9_-]{24}$/);
    await page.locator('[data-testid="users-table"] th', { hasText: 'casey' }).waitFor();
    await shoot(page, 'users');

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByTestId('audit-table').waitFor();
    await settled(page);
    const actions = await page.locator('[data-testid="audit-table"] tbody tr td:nth-child(4)').allTextContents();
    expect(actions).toContain('sign-in');
    expect(actions).toContain('POST /api/auth/password');
    expect(actions).toContain('POST /api/users');
    await shoot(page, 'audit');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in-notice').waitFor();
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe('You are signed out.');
    await page.context().close();
  });

  it('shows a viewer only the pages of aggregates, and refuses the others by address', async () => {
    const page = await fresh();
    await page.goto(`${app.directUrl}/scorecard`);
    await signIn(page, 'test-viewer', TEST_PASSWORD);
    await page.getByTestId('user-menu').waitFor();
    expect(await navLabels(page)).toEqual(['Scorecard', 'Intraday', 'Forecast', 'Calendar', 'Definitions']);
    expect(await page.getByTestId('no-data').textContent()).toContain('a planner or an administrator can load a contact log');
    await shoot(page, 'viewer-nav');
    await page.goto(`${app.directUrl}/audit`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('forbidden').textContent()).toContain('The viewer role may not use this page.');
    await page.context().close();
  });

  it('signs out by itself after 15 minutes without activity, and says why', async () => {
    const page = await fresh();
    await page.clock.install();
    await page.goto(`${app.directUrl}/metrics`);
    await signIn(page, 'test-viewer', TEST_PASSWORD);
    await page.getByTestId('user-menu').waitFor();
    await page.clock.fastForward('14:00'); // 14 minutes: still signed in
    expect(await page.getByTestId('user-menu').count()).toBe(1);
    await page.clock.fastForward('01:01'); // 15 minutes and a second
    await page.getByTestId('sign-in-notice').waitFor();
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe('You were signed out after 15 minutes without activity.');
    await shoot(page, 'idle-logoff');
    await page.context().close();
  });
});
