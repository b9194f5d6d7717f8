"""The three model clauses of the standard, worded as in the example conventions (the seed's proposal)."""

from __future__ import annotations

MODEL_CLAUSES: dict[str, str] = {
    "PUBLIC_DATA_AT_QPV_SCALE": (
        "La mise en œuvre de la politique de la ville nécessite l'utilisation de données nombreuses, et "
        "notamment de données publiques.\n\n"
        "Tous les acteurs publics signataires du présent contrat s'engagent à produire et à rendre "
        "accessibles les données publiques et les statistiques publiques relatives au contrat de ville "
        "et, plus largement, aux politiques publiques mises en œuvre, à l'échelle de chacun des quartiers "
        "prioritaires de la politique de la ville, et ce pendant toute la durée du présent contrat. Sont "
        "exclues de cet engagement les données non communicables au sens du code des relations entre le "
        "public et l'administration et, tout particulièrement, les données à caractère personnel des "
        "habitants.\n\n"
        "Cet engagement s'applique également aux données des entreprises privées ou para-publiques "
        "chargées d'une mission de service public pour le compte des collectivités signataires, notamment "
        "dans le cadre d'une concession ou d'une délégation de service public, pour ce qui concerne le "
        "périmètre des quartiers prioritaires."
    ),
    "PRIVATE_DATA_OF_GENERAL_INTEREST": (
        "Des acteurs privés interviennent à différents titres au sein des quartiers prioritaires. Ils "
        "peuvent concourir à la mise en œuvre du présent contrat et sont susceptibles de produire des "
        "données qui revêtent un caractère d'intérêt général.\n\n"
        "Lorsqu'il est de l'intérêt de tous que ces données soient partagées avec les acteurs publics "
        "afin de parfaire la connaissance de la réalité de la vie des quartiers et des besoins de leurs "
        "habitants, un partenariat de données est proposé aux acteurs concernés. Ce partenariat crée les "
        "conditions d'un accès à ces données respectueux des droits de tous, notamment des droits de "
        "propriété intellectuelle et du secret des affaires des producteurs, et des droits des personnes "
        "concernées. Il peut prendre la forme d'un mécénat de données, d'une médiation de la donnée "
        "d'intérêt général ou d'une mise à disposition au titre de l'altruisme en matière de données "
        "prévu par le règlement (UE) 2022/868 du 30 mai 2022 sur la gouvernance des données."
    ),
    "OPERATIONAL": (
        "Les signataires du présent contrat s'engagent à faire vivre le partenariat de données évoqué "
        "ci-avant en définissant des règles applicables à chacun des jeux de données utilisés au service "
        "des actions menées au bénéfice des quartiers prioritaires. Ces règles, consignées en annexe du "
        "présent contrat ou dans des conventions de mise à disposition de données, portent notamment sur "
        "les conditions d'accès et de partage (ouverture en open data ou non), la granularité (à "
        "l'échelle de chacun des quartiers), la périodicité de mise à jour, le format ou le standard, les "
        "conditions de transfert, d'hébergement et de destruction, ainsi que la sécurité.\n\n"
        "Dans tous les cas, chacun des signataires s'engage à respecter strictement les règles juridiques "
        "applicables en matière de protection des données à caractère personnel, notamment le règlement "
        "(UE) 2016/679 du 27 avril 2016 (RGPD) et la loi n° 78-17 du 6 janvier 1978 relative à "
        "l'informatique, aux fichiers et aux libertés, ainsi que l'ensemble des règles éthiques "
        "complémentaires définies au titre du présent partenariat local."
    ),
}
