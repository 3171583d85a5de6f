/** WeCom paths below /cgi-bin/ used by this package. */
export const ENDPOINTS = {
  gettoken: 'gettoken',
  followUsers: 'externalcontact/get_follow_user_list',
  byOwner: 'externalcontact/groupchat/statistic',
  byDay: 'externalcontact/groupchat/statistic_group_by_day',
} as const;
