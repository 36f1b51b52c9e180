import { CORRECTIONS_POLICY_SLUG, type PageInput } from '../pages/index.ts';

// The Dateline Gazette's standing pages, written for the sample publication: a fictional paper in
// the fictional town of Harbourton. Every name, address and number here is invented.

/** The sample's standing pages, parents before their children. */
export const samplePages: PageInput[] = [
  {
    title: 'About the Gazette',
    slug: 'about',
    description: 'Who writes The Dateline Gazette, who pays for it, and what we are for.',
    status: 'published',
    body: `The Dateline Gazette is the local paper for Harbourton and the villages along the estuary. We report on the council, the courts, the schools, the harbour and the clubs that keep the town busy on a Saturday, and we try to do it in plain words that anyone can check.

We are a small newsroom: four reporters, an editor and a photographer who also answers the phone. Most of what we publish is reporting we did ourselves, at meetings, in court or on the quay. When a story is based on someone else's work, such as a press release or another paper's report, we say so beside the story.

## Who pays for it

The Gazette is paid for by its readers' subscriptions and by local advertising. Advertisers do not see stories before they are published and have no say in what we cover. Sponsored content, when we run it, is labelled as such at the top of the page.

## What we will not do

We do not publish rumours as news, pay sources for stories, or name children involved in court cases. We give people the chance to answer criticism before a story about them appears.

## Taking part

Every article has a comment section, moderated by the newsroom, and every story lists its authors, so you know whom to write to. If you think we got something wrong, read our [corrections policy](/${CORRECTIONS_POLICY_SLUG}/) and tell us. If you know something we should be covering, the [contact page](/about/contact/) says how to reach us.

This site is a demonstration of Dateline, the publishing platform it runs on. Harbourton, its people and its news are invented.`,
  },
  {
    title: 'Contact the newsroom',
    slug: 'contact',
    parent: 'about',
    description: 'How to reach The Dateline Gazette: news tips, corrections, letters and advertising.',
    status: 'published',
    body: `The quickest way to reach us depends on what you need. We read everything that arrives, though we cannot always reply to every message individually.

## News tips

If something is happening in Harbourton that you think we should know about, write to news@gazette.example or call the newsroom on 01632 960 418 between 9am and 6pm on weekdays. Tell us what you saw, when, and how we can get back to you. We never name a source who has asked not to be named, and we will say plainly if we cannot promise that.

## Corrections

To report a mistake in something we published, write to corrections@gazette.example with the article's address and what you believe is wrong. Our [corrections policy](/${CORRECTIONS_POLICY_SLUG}/) explains what happens next.

## Letters to the editor

Letters for publication should be under 300 words and include your name and the part of town you live in; we do not print anonymous letters. Send them to letters@gazette.example. We may shorten letters for space.

## Advertising and subscriptions

For advertising rates or a problem with your subscription, write to office@gazette.example or visit the front office at 14 Quay Street, Harbourton, which is open from 10am to 4pm, Monday to Friday.

## Writing to a reporter

Every reporter's name on a byline links to their profile page. You can reach any of them through the newsroom address above.`,
  },
  {
    title: 'Corrections policy',
    slug: CORRECTIONS_POLICY_SLUG,
    description: 'How The Dateline Gazette corrects mistakes, and how to tell us about one.',
    status: 'published',
    body: `We try hard to get things right, and we sometimes fail. When we do, we want to fix the mistake quickly and openly, so that readers can trust what remains.

## What we correct

We correct errors of fact: a wrong name, date, figure, quotation or place, or a statement that gives a misleading picture of events. We do not change an article because someone dislikes how it describes them, but we will always look at a complaint carefully and reply.

## How a correction appears

When we change a published article to fix an error, we say so at the end of the article, in a note that begins "Correction:" and explains what was wrong and what is right. We do not quietly rewrite stories. If the mistake was in a headline, the note says that too.

Smaller changes that do not alter the meaning, such as a spelling mistake or a broken link, are fixed without a note. When an article is brought up to date with new information, rather than corrected, it carries an update note with the time of the change.

## Serious errors

If a mistake was serious enough to have misled readers about something important, or to have harmed someone's reputation, the editor will also publish a separate note on the front page and, where it is fair to do so, an apology.

## Telling us

Write to corrections@gazette.example, or use any of the routes on our [contact page](/about/contact/). Please include the address of the article and what you believe is wrong. The editor reads every correction request and aims to reply within two working days.`,
  },
  {
    title: 'Privacy',
    slug: 'privacy',
    description: 'What The Dateline Gazette keeps about its readers and commenters, and why.',
    status: 'published',
    body: `This page explains what we keep about you when you read or take part in The Dateline Gazette online. The short version: as little as we can, for no longer than we need.

## Reading

You can read every article without an account. The site sets no advertising or tracking cookies, and we do not sell or share information about what you read. Our servers keep ordinary access logs, which record the address of each page requested, for up to fourteen days so that we can keep the site running and fix faults.

## Commenting

When you leave a comment we keep the name you gave, your email address and the comment itself. Your name and comment are published once a moderator approves them. Your email address is never shown on the site; we use it only to contact you about your comment if we need to. We keep a scrambled form of your internet address, which cannot be turned back into the address itself, to stop floods of spam.

## Letters and tips

Messages you send to the newsroom are kept for as long as they are useful for our reporting. If you asked us not to name you, we keep that promise, and we keep your message where only the editor and the reporter working on the story can read it.

## Your rights

You can ask us what we hold about you, ask us to correct it, or ask us to delete a comment you wrote. Write to office@gazette.example and we will answer within a month.`,
  },
];
