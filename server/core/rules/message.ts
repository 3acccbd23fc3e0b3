/**
 * The rules' message builders (`msg`, `prose`, `withTail`, `firstThatFits`): they live in `text/message.ts`,
 * on the lowest floor, so that the Mule and Salesforce models can word the phrases rules share
 * (`salesforce/describe.ts`, `salesforce/subflows.ts`) with the same marks.
 */
export * from '../text/message';
