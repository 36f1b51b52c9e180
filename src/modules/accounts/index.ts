export {
  createAccountService,
  databaseThrottle,
  SIGN_IN_LIMITS,
  type AccountService,
  type Session,
  type SignInThrottle,
} from './service.ts';
export { can, atLeast, type Action, type Actor, type ArticleSubject } from './policy.ts';
export { NewUserSchema, type NewUserInput } from './schemas.ts';
export { hashPassword, verifyPassword, storedHashProblem, type PasswordCost } from './password.ts';
export { sharedThrottle } from './shared-throttle.ts';
